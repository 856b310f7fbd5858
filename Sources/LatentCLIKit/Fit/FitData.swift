import ArgumentParser
import Foundation
import LatentData
import LatentNN

/// The samples `latent fit` works on: a split of an image data set, as pixels or features.
struct FitData: ParsableArguments {
    @Option(help: "The data set (an image data set).")
    var dataset = "mnist"

    @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: "The split: train or test.")
    var split = "train"

    @Option(help: "Use only the first N images of the split (default: all).")
    var count: Int?

    @Option(help: "The features: pixels (scaled to [0, 1]), classifier (the shipped digit classifier's 128 features), or a trained run's directory (its representation --layer: an encoder's codes, a discriminator's features, a head's logits).")
    var features = "pixels"

    @Option(help: "With --features RUN, the run's representation (default: its first); an unknown name lists the run's.")
    var layer: String?

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    func validate() throws {
        guard DataSplit(rawValue: split) != nil else { throw ValidationError("--split must be train or test, got \"\(split)\"") }
        if let count { try FlagRange.check(count, "--count", in: 1...10_000_000) }
        try FlagRange.checkThreads(threads)
    }

    /// The feature vectors `[N, D]` and the images' labels.
    func load() throws -> (features: Tensor, labels: [Int], classCount: Int) {
        Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        guard let all = try DatasetCatalog().load(dataset, split: DataSplit(rawValue: split)!, dataDirectory: dataDir).images else {
            throw CommandFailure("data set \(dataset) holds points, not images")
        }
        let images = count.map { all.subset(Array(0..<Swift.min($0, all.count))) } ?? all
        let vectors = try featureVectors(of: images, dataset: dataset, features: features, layer: layer).vectors
        guard vectors.withValues({ $0.allSatisfy(\.isFinite) }) else {
            throw CommandFailure("the \(features) features of \(dataset) \(split) hold a value that is not finite")
        }
        return (vectors, images.labels, images.classCount)
    }

    /// How the samples are named in output.
    var summary: String { "\(dataset) \(split), \(features)\(layer.map { " (\($0))" } ?? "")" }
}

/// One JSON object from fields already encoded as JSON values.
func jsonObject(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// A JSON array of numbers.
func jsonNumbers(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ",") + "]" }
