/// An option a model understands, such as a GAN's `d_dropout`, with its default and a one-line description.
public struct ModelOption: Sendable {
    /// The option's name in `config.yaml` and on the command line (`--option name=value`).
    public let name: String
    /// The value used when a configuration does not set it, as text.
    public let defaultValue: String
    /// One line saying what the option does.
    public let summary: String

    public init(_ name: String, default defaultValue: String, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

extension ModelOption {
    /// The option of every model that makes batch norm use the statistics of the whole global batch in
    /// data-parallel training (read by the `Trainer`).
    public static let syncBatchNorm = ModelOption(
        "sync_batch_norm", default: "false", "with --distributed, batch norm uses the global batch's statistics (all ranks') instead of each rank's")

    /// pix2pix's jitter of a translation model's training pairs (read by the loader, `Augmentation.jitter`).
    public static let jitter = ModelOption(
        "jitter", default: "false", "true: enlarge each training pair to 286/256 of its size and crop it back at a random offset (pix2pix's resize_and_crop)")

    /// Random horizontal flips of a translation model's training pairs (read by the loader).
    public static let flip = ModelOption(
        "flip", default: "false", "true: mirror each training pair left to right with probability 0.5, both images alike (pix2pix's default)")
}

/// A model's option values, defaults filled in, read as typed values with clear errors.
public struct ModelOptions: Sendable {
    /// The model the options belong to, for messages.
    public let model: String
    /// Every option's value as text, by name.
    public let values: [String: String]

    /// The options `given` for `model`, with the defaults of `allowed` for those it leaves out;
    /// throws naming an option that is not in `allowed`, with the allowed names.
    public init(_ given: [String: String], allowed: [ModelOption], model: String) throws {
        for name in given.keys.sorted() where !allowed.contains(where: { $0.name == name }) {
            let names = allowed.isEmpty ? "it has none" : "its options are " + allowed.map(\.name).joined(separator: ", ")
            throw TrainingError.invalidConfiguration("model \(model) has no option \"\(name)\"; \(names)")
        }
        self.model = model
        self.values = Dictionary(uniqueKeysWithValues: allowed.map { ($0.name, given[$0.name] ?? $0.defaultValue) })
    }

    /// The option `name` as a number; throws when its text is not one or is outside `range`.
    public func float(_ name: String, in range: ClosedRange<Float> = -Float.greatestFiniteMagnitude...Float.greatestFiniteMagnitude) throws -> Float {
        let text = try value(name)
        guard let number = Float(text), number.isFinite, range.contains(number) else {
            throw invalid(name, text, "a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// The option `name` as a whole number; throws when its text is not one or is outside `range`.
    public func integer(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        let text = try value(name)
        guard let number = Int(text), range.contains(number) else {
            throw invalid(name, text, "a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// The option `name` as one whole number per range of `ranges`: written once for all of them or as a list of
    /// `ranges.count` comma-separated numbers; throws when the count is neither or a number is outside its range.
    public func integers(_ name: String, in ranges: [ClosedRange<Int>]) throws -> [Int] {
        let text = try value(name)
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard items.count == 1 || items.count == ranges.count else {
            throw invalid(name, text, "one whole number or \(ranges.count) comma-separated ones")
        }
        var numbers: [Int] = []
        for (index, range) in ranges.enumerated() {
            guard let number = items[items.count == 1 ? 0 : index], range.contains(number) else {
                let place = items.count == 1 ? "" : " as number \(index + 1)"
                throw invalid(name, text, "a whole number in \(range.lowerBound)...\(range.upperBound)\(place)")
            }
            numbers.append(number)
        }
        return numbers
    }

    /// The option `name` as `true` or `false`.
    public func boolean(_ name: String) throws -> Bool {
        let text = try value(name)
        switch text {
        case "true": return true
        case "false": return false
        default: throw invalid(name, text, "true or false")
        }
    }

    /// The option `name`, which must be one of `choices`.
    public func choice(_ name: String, of choices: [String]) throws -> String {
        let text = try value(name)
        guard choices.contains(text) else { throw invalid(name, text, "one of " + choices.joined(separator: ", ")) }
        return text
    }

    /// The option `name`'s text.
    public func value(_ name: String) throws -> String {
        guard let text = values[name] else { throw TrainingError.invalidConfiguration("model \(model) has no option \"\(name)\"") }
        return text
    }

    private func invalid(_ name: String, _ text: String, _ expected: String) -> TrainingError {
        .invalidConfiguration("model \(model): option \(name) is \"\(text)\"; expected \(expected)")
    }
}
