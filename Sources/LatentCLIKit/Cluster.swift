import ArgumentParser
import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// `latent cluster`: k-means on a data set's images, scored against its labels.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster a data set with k-means and score the clusters against its labels (accuracy, NMI, ARI).",
        discussion: "Accuracy is under the best one-to-one matching of clusters to classes (Hungarian algorithm); "
            + "k-means uses k-means++ initialisation and keeps the best of --restarts runs.")

    @Option(help: "The data set (an image data set with labels).")
    var dataset = "mnist"

    @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: "The split: train or test.")
    var split = "test"

    @Option(help: "Cluster only the first N images of the split (default: all).")
    var count: Int?

    @Option(help: "The features clustered: pixels (scaled to [0, 1]), classifier (the shipped digit classifier's 128 features), or a run directory (its representation --layer: an encoder's codes, a discriminator's features, a categorical head).")
    var features = "pixels"

    @Option(help: "With --features RUN, the run's representation to cluster (default: its first); cluster and class logits are clustered by their argmax, others by k-means.")
    var layer: String?

    @Option(help: ArgumentHelp("Apply the PCA saved by `latent fit pca --out` to the features first.", valueName: "file.safetensors"))
    var pca: String?

    @Option(help: "The number of clusters.")
    var k = 10

    @Option(help: "k-means runs from different starts; the one with the lowest inertia is kept.")
    var restarts = 10

    @Option(help: "The seed of k-means's initialisation.")
    var seed: UInt64 = 0

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard DataSplit(rawValue: split) != nil else { throw ValidationError("--split must be train or test, got \"\(split)\"") }
        if let count { try FlagRange.check(count, "--count", in: 1...Int.max) }
        try FlagRange.check(k, "--k", in: 1...10_000)
        try FlagRange.check(restarts, "--restarts", in: 1...1000)
        try FlagRange.checkThreads(threads)
    }

    func run() throws {
        try CommandFailure.reporting {
            Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
            guard let all = try DatasetCatalog().load(dataset, split: DataSplit(rawValue: split)!, dataDirectory: dataDir).images else {
                throw CommandFailure("data set \(dataset) holds points, not labelled images")
            }
            let images = count.map { all.subset(Array(0..<Swift.min($0, all.count))) } ?? all
            guard images.classCount > 1 else { throw CommandFailure("data set \(dataset) has no class labels to score clusters against") }
            let start = Date()
            var points = try featureVectors(of: images, dataset: dataset, features: features, layer: layer)
            if let pca {
                guard !points.kind.clustersByArgmax else { throw CommandFailure("--pca applies to features, not to cluster logits") }
                points.vectors = try PrincipalComponents.load(from: URL(fileURLWithPath: pca)).transform(points.vectors)
            }
            let byArgmax = points.kind.clustersByArgmax
            let kMeansResult = byArgmax ? nil : try kMeans(points.vectors, clusters: k, restarts: restarts, seed: seed)
            let assignments = kMeansResult?.labels ?? points.vectors.argmax(axis: 1).values.map { Int($0) }
            let scores = try clusterScores(assignments, truth: images.labels)
            let clusterCount = kMeansResult == nil ? points.vectors.shape[1] : k
            var sizes = [Int](repeating: 0, count: clusterCount)
            for cluster in assignments { sizes[cluster] += 1 }
            let method = byArgmax ? "argmax of \(layer ?? "the first representation")" : "k-means (k = \(k), \(restarts) restarts)"
            let seconds = Date().timeIntervalSince(start)
            if json {
                var fields = scores.map { "\"\($0.0)\":\($0.1)" } + [
                    "\"dataset\":\"\(dataset)\"", "\"split\":\"\(split)\"", "\"features\":\(jsonString(features))", "\"pca\":\(pca.map(jsonString) ?? "null")",
                    "\"method\":\"\(byArgmax ? "argmax" : "kmeans")\"", "\"k\":\(clusterCount)", "\"samples\":\(images.count)",
                    "\"cluster_sizes\":[\(sizes.map(String.init).joined(separator: ","))]", "\"seconds\":\(seconds)",
                ]
                if let layer { fields.append("\"layer\":\(jsonString(layer))") }
                if let kMeansResult { fields.append("\"inertia\":\(kMeansResult.inertia)") }
                Console.out("{" + fields.joined(separator: ",") + "}")
            } else {
                Console.out("\(method) on \(images.count) \(dataset) \(split) images, \(features)\(layer.map { " (\($0))" } ?? "")"
                    + (pca.map { " through \($0)" } ?? "") + ":")
                for (name, value) in scores { Console.out("  \(name): \(String(format: "%.4f", value))") }
                Console.out("  cluster sizes: \(sizes.map(String.init).joined(separator: " "))")
                Console.out("  \(kMeansResult.map { "inertia: \($0.inertia), " } ?? "")\(String(format: "%.1f", seconds)) s")
            }
        }
    }
}

/// How well `assignments` (one cluster per sample) match the classes `truth`: `accuracy` under the best
/// one-to-one matching of clusters to classes, `nmi` and `ari`, in that order.
func clusterScores(_ assignments: [Int], truth: [Int]) throws -> [(String, Double)] {
    [
        ("accuracy", try clusteringAccuracy(predicted: assignments, truth: truth)),
        ("nmi", try normalizedMutualInformation(truth, assignments)),
        ("ari", try adjustedRandIndex(truth, assignments)),
    ]
}
