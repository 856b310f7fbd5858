import ArgumentParser
import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// `latent probe`: linear evaluation of what a trained run learned — a softmax classifier on its frozen
/// representation, trained on a few labels per class, scored on the test split, beside k-means on the
/// same features.
struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Linear evaluation of a run's representation: a softmax classifier on frozen features, and k-means on them.",
        discussion: "Trains a linear softmax classifier (standardized features, L2 penalty 1/C, L-BFGS: scikit-learn's "
            + "StandardScaler + LogisticRegression) on --labels-per-class training images of each class, chosen with --seed, "
            + "and reports its accuracy on the test split, with k-means (k = the classes, the best of 10 k-means++ starts, as `latent cluster`) accuracy and NMI on the test features.")

    @Argument(help: ArgumentHelp(
        "The run directory, or a baseline: pixels (the images scaled to [0, 1]) or classifier (the shipped digit classifier's 128 features).",
        valueName: "run"))
    var runDirectory: String

    @Option(help: "The run's representation (see latent cluster --layer; default: its first).")
    var layer: String?

    @Option(help: "The data set (default: the run's; mnist for a baseline).")
    var dataset: String?

    @Option(help: ArgumentHelp("The directory holding the data set's files (default: the run's, or the data set's own).", valueName: "dir"))
    var dataDir: String?

    @Option(help: "Labelled training images per class for the classifier (default: every training image).")
    var labelsPerClass: Int?

    @Option(help: "The seed choosing the labelled images and k-means's starts.")
    var seed: UInt64 = 0

    @Option(name: .customLong("c"), help: "The inverse L2 regularization strength C (scikit-learn's).")
    var inverseRegularization = 1.0

    @Option(help: "Score on the first N test images only (default: all).")
    var testCount: Int?

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if let labelsPerClass { try FlagRange.check(labelsPerClass, "--labels-per-class", in: 1...1_000_000) }
        if let testCount { try FlagRange.check(testCount, "--test-count", in: 1...10_000_000) }
        guard inverseRegularization > 0, inverseRegularization.isFinite, inverseRegularization <= 1e12 else {
            throw ValidationError("--c must be a positive number of at most 1e12, got \(inverseRegularization)")
        }
        try FlagRange.checkThreads(threads)
        if let layer, isBaseline {
            throw ValidationError("--layer \(layer) needs a run directory; the \(runDirectory) baseline has no layers")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let configuration = isBaseline
                ? nil : try ConfigurationFile.read(URL(fileURLWithPath: runDirectory).appendingPathComponent("config.yaml").path)
            let dataset = dataset ?? configuration?.dataset ?? "mnist"
            let directory = dataDir ?? configuration?.dataDirectory
            let start = Date()
            let training = try labelledImages(dataset, split: .train, directory: directory, like: configuration)
            let labelled = try labelsPerClass.map { try training.labelledSubset(perClass: $0, seed: seed) } ?? training
            let allTest = try labelledImages(dataset, split: .test, directory: directory, like: configuration)
            let test = testCount.map { allTest.subset(Array(0..<Swift.min($0, allTest.count))) } ?? allTest
            let trainFeatures = try featureVectors(of: labelled, dataset: dataset, features: runDirectory, layer: layer).vectors
            let testFeatures = try featureVectors(of: test, dataset: dataset, features: runDirectory, layer: layer).vectors
            let classifier = try SoftmaxClassifier(
                fitting: trainFeatures, labels: labelled.labels, classCount: training.classCount,
                inverseRegularization: inverseRegularization)
            let predicted = try classifier.predict(testFeatures)
            let accuracy = Double(zip(predicted, test.labels).filter { $0 == $1 }.count) / Double(test.count)
            let clusters = try kMeans(testFeatures, clusters: training.classCount, restarts: 10, seed: seed).labels
            let kMeansAccuracy = try clusteringAccuracy(predicted: clusters, truth: test.labels)
            let kMeansNMI = try normalizedMutualInformation(test.labels, clusters)
            let seconds = Date().timeIntervalSince(start)
            if json {
                Console.out("{" + [
                    "\"run\":\(jsonString(runDirectory))", "\"layer\":\(jsonString(layer ?? "default"))", "\"dataset\":\(jsonString(dataset))",
                    "\"labels_per_class\":\(labelsPerClass.map(String.init) ?? "null")", "\"train_examples\":\(labelled.count)",
                    "\"test_examples\":\(test.count)", "\"dimension\":\(trainFeatures.shape[1])", "\"test_accuracy\":\(accuracy)",
                    "\"kmeans_accuracy\":\(kMeansAccuracy)", "\"kmeans_nmi\":\(kMeansNMI)", "\"lbfgs_iterations\":\(classifier.iterations)",
                    "\"seconds\":\(seconds)",
                ].joined(separator: ",") + "}")
            } else {
                let what = isBaseline ? "the \(runDirectory) baseline" : "\(runDirectory) (\(layer ?? "first representation"))"
                Console.out("linear probe of \(what), \(trainFeatures.shape[1]) features, "
                    + "\(labelled.count) labelled \(dataset) training images:")
                Console.out("  test accuracy: \(String(format: "%.4f", accuracy)) on \(test.count) images")
                Console.out("  k-means on the test features: accuracy \(String(format: "%.4f", kMeansAccuracy)), NMI \(String(format: "%.4f", kMeansNMI))")
                Console.out("  \(classifier.iterations) L-BFGS iterations, \(String(format: "%.1f", seconds)) s")
            }
        }
    }

    /// Whether the argument names a baseline (the pixels, the shipped classifier's features) rather than a run.
    private var isBaseline: Bool { ["pixels", "classifier"].contains(runDirectory) }

    /// The labelled images of `dataset`'s `split`, as the model of a run of `configuration` takes them when there is a run;
    /// throws when it holds points or has fewer than two classes.
    private func labelledImages(_ dataset: String, split: DataSplit, directory: String?, like configuration: RunConfiguration?) throws -> ImageDataset {
        let loaded = try configuration.map { try TrainingData.dataset(dataset, split: split, dataDirectory: directory, like: $0) }
            ?? DatasetCatalog().load(dataset, split: split, dataDirectory: directory)
        guard let images = loaded.images else {
            throw CommandFailure("data set \(dataset) holds points, not labelled images")
        }
        guard images.classCount > 1 else { throw CommandFailure("data set \(dataset) has no class labels to probe with") }
        return images
    }
}
