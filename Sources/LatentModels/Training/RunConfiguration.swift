import LatentData
import LatentNN

/// The resolved settings of a training run, written to `config.yaml` in the run directory.
public struct RunConfiguration: Sendable, Equatable {
    /// The model's name, such as `dcgan-mnist`.
    public var model: String
    /// The data set's name, such as `mnist`.
    public var dataset: String
    /// Passes over the data set.
    public var epochs: Int
    /// The most optimizer steps in total, whatever the epoch (nil: no limit besides `epochs`).
    public var steps: Int?
    /// Samples per batch.
    public var batchSize: Int
    /// The seed of the model's initialization, the noise, and the data order.
    public var seed: UInt64
    /// Threads for the kernels; results are bit-identical only for the same count.
    public var threads: Int
    /// Learning rates by optimizer name (`generator`, `discriminator`, `model`).
    public var learningRates: [String: Float]
    /// Steps between checkpoints (a checkpoint is also written when the run ends or stops).
    public var checkpointEverySteps: Int
    /// How many step checkpoints to keep.
    public var keepCheckpoints: Int
    /// Where the data set's files are (nil: the data set's default places).
    public var dataDirectory: String?
    /// The classes whose images the run trains on, ascending (nil: every image), as for one-class
    /// anomaly detection; the held-out split is restricted the same way.
    public var classes: [Int]?
    /// Epochs between sample grids (grids are also saved after epochs 1, 10, 20, 50, 100 and the last).
    public var sampleEveryEpochs: Int
    /// Epochs between evaluations of the model's metrics (nil: no evaluation during training).
    public var evalEveryEpochs: Int?
    /// The model's options by name (such as a GAN's `d_dropout`), as text; see `ModelEntry.options`.
    public var options: [String: String]
    /// How many training images a semi-supervised model may read the labels of (`LabelBudget`, drawn with
    /// `seed`); nil for models that learn from no label budget.
    public var labels: Int?
    /// Which image of a paired data set is the source (nil: the data set's default, A).
    public var direction: PairedImages.Direction?
    /// The side every image is resized to at loading (nil: the stored size); see `ImageDataset.resized`.
    public var imageSize: Int?
    /// How many of the training split's last images are held out (nil: none): the run trains on the others and
    /// measures itself after each epoch on these instead of on the test split, as Keras's `validation_split` does.
    public var validationImages: Int?

    public init(
        model: String, dataset: String, epochs: Int, steps: Int? = nil, batchSize: Int, seed: UInt64, threads: Int = 1,
        learningRates: [String: Float], checkpointEverySteps: Int = 500, keepCheckpoints: Int = 3,
        dataDirectory: String? = nil, sampleEveryEpochs: Int = 5, evalEveryEpochs: Int? = nil, options: [String: String] = [:],
        labels: Int? = nil, classes: [Int]? = nil, direction: PairedImages.Direction? = nil, imageSize: Int? = nil,
        validationImages: Int? = nil
    ) {
        self.model = model
        self.dataset = dataset
        self.epochs = epochs
        self.steps = steps
        self.batchSize = batchSize
        self.seed = seed
        self.threads = threads
        self.learningRates = learningRates
        self.checkpointEverySteps = checkpointEverySteps
        self.keepCheckpoints = keepCheckpoints
        self.dataDirectory = dataDirectory
        self.sampleEveryEpochs = sampleEveryEpochs
        self.evalEveryEpochs = evalEveryEpochs
        self.options = options
        self.labels = labels
        self.classes = classes
        self.direction = direction
        self.imageSize = imageSize
        self.validationImages = validationImages
    }

    /// The most epochs a run may take.
    public static let maximumEpochs = 1_000_000
    /// The largest batch a run may use.
    public static let maximumBatchSize = 65_536

    /// Throws when a setting is out of range.
    public func validate() throws {
        func check(_ condition: Bool, _ message: String) throws {
            if !condition { throw TrainingError.invalidConfiguration(message) }
        }
        try check(Self.isPlain(model), "model name \"\(Self.excerpt(model))\" must use letters, digits, '-', '_' and '.'")
        try check(Self.isPlain(dataset), "dataset name \"\(Self.excerpt(dataset))\" must use letters, digits, '-', '_' and '.'")
        try check(epochs >= 1, "epochs must be at least 1, got \(epochs)")
        try check(epochs <= Self.maximumEpochs, "epochs must be at most \(Self.maximumEpochs), got \(epochs)")
        try check(steps.map { $0 >= 1 } ?? true, "steps must be at least 1, got \(steps ?? 0)")
        try check(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
        try check(batchSize <= Self.maximumBatchSize, "batch size must be at most \(Self.maximumBatchSize), got \(batchSize)")
        try check(threads >= 1, "threads must be at least 1, got \(threads)")
        try check(threads <= Threads.maximum, "threads must be at most \(Threads.maximum), got \(threads)")
        try check(checkpointEverySteps >= 1, "checkpoint-every-steps must be at least 1, got \(checkpointEverySteps)")
        try check(keepCheckpoints >= 1, "keep-checkpoints must be at least 1, got \(keepCheckpoints)")
        try check(sampleEveryEpochs >= 1, "sample-every-epochs must be at least 1, got \(sampleEveryEpochs)")
        try check(labels.map { $0 >= 1 } ?? true, "labels must be at least 1, got \(labels ?? 0)")
        try check(evalEveryEpochs.map { $0 >= 1 } ?? true, "eval-every-epochs must be at least 1, got \(evalEveryEpochs ?? 0)")
        if let classes {
            try check(!classes.isEmpty, "classes must name at least one class")
            try check(classes.allSatisfy { $0 >= 0 }, "classes must not be negative, got \(Self.listed(classes))")
            try check(classes == Array(Set(classes)).sorted(), "classes must be ascending without repeats, got \(Self.listed(classes))")
        }
        try check(imageSize.map { (1...ImageDataset.maximumResizedSide).contains($0) } ?? true,
                  "image size must be between 1 and \(ImageDataset.maximumResizedSide) pixels, got \(imageSize ?? 0)")
        try check(validationImages.map { $0 >= 1 } ?? true, "validation images must be at least 1, got \(validationImages ?? 0)")
        try check(dataDirectory.map { !$0.isEmpty && !$0.contains("\n") } ?? true, "data directory must be a non-empty path on one line")
        for (name, value) in options {
            try check(Self.isPlain(name), "option name \"\(Self.excerpt(name))\" must use letters, digits, '-', '_' and '.'")
            try check(Self.isPlain(value, allowing: ","),
                      "option \(Self.excerpt(name))'s value \"\(Self.excerpt(value))\" must use letters, digits, '-', '_', '.' and ','")
        }
        for (name, rate) in learningRates {
            try check(Self.isPlain(name), "learning rate name \"\(Self.excerpt(name))\" must use letters, digits, '-', '_' and '.'")
            try check(rate.isFinite && rate > 0, "learning rate \(name) must be positive and finite, got \(rate)")
        }
    }

    /// The configuration as YAML.
    public var yaml: String {
        var lines = [
            "model: \(model)", "dataset: \(dataset)", "epochs: \(epochs)", "steps: \(steps.map(String.init) ?? "null")",
            "batch_size: \(batchSize)", "seed: \(seed)", "threads: \(threads)",
            "checkpoint_every_steps: \(checkpointEverySteps)", "keep_checkpoints: \(keepCheckpoints)",
            "data_dir: \(dataDirectory.map(Self.quoted) ?? "null")", "sample_every_epochs: \(sampleEveryEpochs)",
            "eval_every_epochs: \(evalEveryEpochs.map(String.init) ?? "null")",
            "classes: \(classes.map(Self.listed) ?? "null")",
        ] + (labels.map { ["labels: \($0)"] } ?? []) + (direction.map { ["direction: \($0.rawValue)"] } ?? [])
            + (imageSize.map { ["image_size: \($0)"] } ?? []) + (validationImages.map { ["validation_images: \($0)"] } ?? []) + [
            "learning_rates:",
        ]
        lines += learningRates.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        lines.append("model_options:")
        lines += options.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the YAML that `yaml` writes, or a partial configuration (such as a `--config` file) whose
    /// missing settings come from `defaults`; throws naming the line or setting that is not understood.
    public init(yaml text: String, defaults: RunConfiguration? = nil) throws {
        var values: [String: String] = [:], blocks: [String: [String: String]] = ["learning_rates": [:], "model_options": [:]]
        var block: String?
        // Any line break ends a line: "\r\n" is one Character, so splitting at "\n" alone would miss it.
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.trimmingSpaces.isEmpty || line.trimmingSpaces.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw TrainingError.invalidConfiguration("line \(number + 1) is not `key: value`: \(Self.excerpt(line))")
            }
            let key = String(line[..<colon]).trimmingSpaces, value = String(line[line.index(after: colon)...]).trimmingSpaces
            if line.hasPrefix(" ") {
                guard let block else { throw TrainingError.invalidConfiguration("line \(number + 1) is indented outside a block: \(Self.excerpt(line))") }
                blocks[block]![key] = value
            } else if blocks[key] != nil {
                guard value.isEmpty else { throw TrainingError.invalidConfiguration("line \(number + 1): `\(Self.excerpt(key)):` starts a block of indented `name: value` lines") }
                block = key
            } else {
                guard Self.keys.contains(key) else {
                    throw TrainingError.invalidConfiguration(
                        "line \(number + 1): unknown setting `\(Self.excerpt(key))`; the settings are \((Self.keys + blocks.keys.sorted()).joined(separator: ", "))")
                }
                block = nil
                values[key] = value
            }
        }
        func setting(_ key: String) throws -> String? {
            guard let value = values[key] else {
                if defaults == nil && Self.requiredKeys.contains(key) { throw TrainingError.invalidConfiguration("missing `\(key)`") }
                return nil
            }
            return value
        }
        func integer(_ key: String) throws -> Int? {
            guard let value = try setting(key) else { return nil }
            guard value != "null" else {
                // Only `steps` may be null in a complete configuration; elsewhere null means "the default".
                guard defaults != nil || key == "steps" || !Self.requiredKeys.contains(key) else {
                    throw TrainingError.invalidConfiguration("`\(key)` is null, but a complete configuration needs a whole number")
                }
                return nil
            }
            guard let number = Int(value) else { throw TrainingError.invalidConfiguration("`\(key)` is \"\(Self.excerpt(value))\", not a whole number") }
            return number
        }
        var rates: [String: Float] = defaults?.learningRates ?? [:]
        for (name, value) in blocks["learning_rates"]! {
            guard let rate = Float(value) else { throw TrainingError.invalidConfiguration("learning rate \(Self.excerpt(name)) is \"\(Self.excerpt(value))\", not a number") }
            rates[name] = rate
        }
        let seedText = try setting("seed")
        let seed = try seedText.map { value in
            guard let seed = UInt64(value) else { throw TrainingError.invalidConfiguration("`seed` is \"\(Self.excerpt(value))\", not a whole number ≥ 0") }
            return seed
        }
        let dataDirectory = try setting("data_dir").map { $0 == "null" ? nil : try Self.unquoted($0) } ?? defaults?.dataDirectory
        let stepsGiven = values["steps"] != nil, evalGiven = values["eval_every_epochs"] != nil
        let classes = try setting("classes").map { $0 == "null" ? nil : try Self.classList($0) } ?? defaults?.classes
        let direction = try setting("direction").map { value in
            guard let direction = PairedImages.Direction(rawValue: value) else {
                throw TrainingError.invalidConfiguration("`direction` is \"\(Self.excerpt(value))\"; expected AtoB or BtoA")
            }
            return direction
        } ?? defaults?.direction
        self.init(
            model: try setting("model") ?? defaults!.model, dataset: try setting("dataset") ?? defaults!.dataset,
            epochs: try integer("epochs") ?? defaults!.epochs,
            steps: stepsGiven ? try integer("steps") : defaults?.steps,
            batchSize: try integer("batch_size") ?? defaults!.batchSize, seed: seed ?? defaults!.seed,
            threads: try integer("threads") ?? defaults!.threads, learningRates: rates,
            checkpointEverySteps: try integer("checkpoint_every_steps") ?? defaults!.checkpointEverySteps,
            keepCheckpoints: try integer("keep_checkpoints") ?? defaults!.keepCheckpoints,
            dataDirectory: dataDirectory, sampleEveryEpochs: try integer("sample_every_epochs") ?? defaults?.sampleEveryEpochs ?? 5,
            evalEveryEpochs: evalGiven ? try integer("eval_every_epochs") : defaults?.evalEveryEpochs,
            options: (defaults?.options ?? [:]).merging(blocks["model_options"]!) { _, given in given },
            labels: values["labels"] != nil ? try integer("labels") : defaults?.labels, classes: classes, direction: direction,
            imageSize: values["image_size"] != nil ? try integer("image_size") : defaults?.imageSize,
            validationImages: values["validation_images"] != nil ? try integer("validation_images") : defaults?.validationImages)
        try validate()
    }

    /// The settings `config.yaml` may hold besides the `learning_rates` and `model_options` blocks.
    private static let keys = [
        "model", "dataset", "epochs", "steps", "batch_size", "seed", "threads", "checkpoint_every_steps", "keep_checkpoints",
        "data_dir", "sample_every_epochs", "eval_every_epochs", "labels", "classes", "direction", "image_size",
        "validation_images",
    ]
    /// The settings a complete configuration must give (the others have defaults).
    private static let requiredKeys = Array(keys.prefix(9))

    /// Class numbers as `config.yaml` and `--classes` write them: `3` or `1,7`.
    public static func listed(_ classes: [Int]) -> String {
        classes.map(String.init).joined(separator: ",")
    }

    /// The class numbers of `text`, a comma-separated list such as `3` or `1,7`, ascending without repeats;
    /// throws naming the part that is not a whole number ≥ 0.
    public static func classList(_ text: String) throws -> [Int] {
        let numbers = try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let trimmed = String(part).trimmingSpaces
            guard let number = Int(trimmed), number >= 0 else {
                throw TrainingError.invalidConfiguration("classes \"\(Self.excerpt(text))\": \"\(Self.excerpt(trimmed))\" is not a class number ≥ 0")
            }
            return number
        }
        return Array(Set(numbers)).sorted()
    }

    /// `text` as an error message shows it: whole when short, else its first 60 characters and how long it is.
    static func excerpt(_ text: some StringProtocol) -> String {
        text.count <= 80 ? String(text) : "\(text.prefix(60))… (\(text.count) characters)"
    }

    /// `text` in double quotes, with backslashes and quotes escaped (as JSON and YAML read it).
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The text of a value written plain or by `quoted`.
    private static func unquoted(_ value: String) throws -> String {
        guard value.hasPrefix("\"") else { return value }
        guard value.count >= 2, value.hasSuffix("\"") else { throw TrainingError.invalidConfiguration("unterminated quoted value: \(Self.excerpt(value))") }
        var result = "", escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }

    /// Whether `text` is non-empty and only letters, digits, '-', '_', '.' and the characters of `extra`: safe
    /// unquoted in config.yaml and as a run folder's name part.
    static func isPlain(_ text: String, allowing extra: String = "") -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_.".unicodeScalars.contains($0) || extra.unicodeScalars.contains($0)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
