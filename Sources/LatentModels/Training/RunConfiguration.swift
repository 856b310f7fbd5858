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

    public init(
        model: String, dataset: String, epochs: Int, steps: Int? = nil, batchSize: Int, seed: UInt64, threads: Int = 1,
        learningRates: [String: Float], checkpointEverySteps: Int = 500, keepCheckpoints: Int = 3
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
    }

    /// Throws when a setting is out of range.
    public func validate() throws {
        func check(_ condition: Bool, _ message: String) throws {
            if !condition { throw TrainingError.invalidConfiguration(message) }
        }
        try check(Self.isPlain(model), "model name \"\(model)\" must use letters, digits, '-', '_' and '.'")
        try check(Self.isPlain(dataset), "dataset name \"\(dataset)\" must use letters, digits, '-', '_' and '.'")
        try check(epochs >= 1, "epochs must be at least 1, got \(epochs)")
        try check(steps.map { $0 >= 1 } ?? true, "steps must be at least 1, got \(steps ?? 0)")
        try check(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
        try check(threads >= 1, "threads must be at least 1, got \(threads)")
        try check(checkpointEverySteps >= 1, "checkpoint-every-steps must be at least 1, got \(checkpointEverySteps)")
        try check(keepCheckpoints >= 1, "keep-checkpoints must be at least 1, got \(keepCheckpoints)")
        for (name, rate) in learningRates {
            try check(Self.isPlain(name), "learning rate name \"\(name)\" must use letters, digits, '-', '_' and '.'")
            try check(rate.isFinite && rate > 0, "learning rate \(name) must be positive and finite, got \(rate)")
        }
    }

    /// The configuration as YAML.
    public var yaml: String {
        var lines = [
            "model: \(model)", "dataset: \(dataset)", "epochs: \(epochs)", "steps: \(steps.map(String.init) ?? "null")",
            "batch_size: \(batchSize)", "seed: \(seed)", "threads: \(threads)",
            "checkpoint_every_steps: \(checkpointEverySteps)", "keep_checkpoints: \(keepCheckpoints)",
            "learning_rates:",
        ]
        lines += learningRates.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the YAML that `yaml` writes; throws naming the line that is not understood.
    public init(yaml text: String) throws {
        var values: [String: String] = [:], rates: [String: Float] = [:]
        var inRates = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingSpaces.isEmpty || line.trimmingSpaces.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw TrainingError.invalidConfiguration("line \(number + 1) is not `key: value`: \(line)")
            }
            let key = String(line[..<colon]).trimmingSpaces, value = String(line[line.index(after: colon)...]).trimmingSpaces
            if line.hasPrefix(" ") {
                guard inRates, let rate = Float(value) else {
                    throw TrainingError.invalidConfiguration("line \(number + 1) is not a learning rate: \(line)")
                }
                rates[key] = rate
            } else {
                inRates = key == "learning_rates"
                if !inRates { values[key] = value }
            }
        }
        func field(_ key: String) throws -> String {
            guard let value = values[key] else { throw TrainingError.invalidConfiguration("missing `\(key)`") }
            return value
        }
        func integer(_ key: String) throws -> Int {
            guard let value = Int(try field(key)) else { throw TrainingError.invalidConfiguration("`\(key)` is not a whole number") }
            return value
        }
        let stepsText = try field("steps")
        guard let seed = UInt64(try field("seed")) else { throw TrainingError.invalidConfiguration("`seed` is not a whole number") }
        let steps: Int?
        if stepsText == "null" {
            steps = nil
        } else {
            guard let limit = Int(stepsText) else { throw TrainingError.invalidConfiguration("`steps` is not a whole number") }
            steps = limit
        }
        self.init(
            model: try field("model"), dataset: try field("dataset"), epochs: try integer("epochs"), steps: steps,
            batchSize: try integer("batch_size"), seed: seed, threads: try integer("threads"), learningRates: rates,
            checkpointEverySteps: try integer("checkpoint_every_steps"), keepCheckpoints: try integer("keep_checkpoints"))
        try validate()
    }

    private static func isPlain(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
