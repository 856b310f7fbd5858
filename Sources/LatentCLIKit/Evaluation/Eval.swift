import ArgumentParser
import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN
import LatentReport

/// `latent eval`: FID, KID, Inception score and precision/recall of a run's samples, a folder of
/// images or saved statistics, against a reference set, with the shipped digit classifier's features.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a run's generator, a folder of PNG/JPEG images or saved statistics against a reference set.",
        discussion: """
            digits features: the 128 penultimate features and 10 class probabilities of the shipped digit classifier \
            (Data/classifiers/), for 28×28 grey images. inception features: the 2048 pool features of FID's Inception-v3 \
            (as pytorch-fid; images in [0, 1], grey repeated to RGB, resized to 299), no Inception score. A run's results \
            are appended to its metrics.jsonl (eval_* keys) and its report is rewritten. Statistics files hold Float64 \
            `mu` and `sigma` (safetensors), as pytorch-fid's .npz. For a class-conditional run (cgan, acgan), sample i \
            is drawn for class i mod 10 and class_accuracy is the share of samples the digit classifier assigns to the \
            class asked for. Under mpirun (--distributed), the ranks share the feature extraction and rank 0 alone \
            computes the metrics and writes (docs/distributed.md).
            """)

    @Argument(help: "A run directory, a folder of images, or a statistics file (.safetensors).")
    var input: String

    @Option(help: "The reference: mnist-test, mnist-train, fashion-mnist-test, fashion-mnist-train, a folder of images, or a statistics file.")
    var reference = "mnist-test"

    @Option(help: "The feature extractor: digits (the shipped classifier of the reference's data set) or inception.")
    var features = "digits"

    @Option(help: ArgumentHelp(
        "The FID Inception weights (default: $LATENT_INCEPTION_WEIGHTS, then ~/.cache/latent/fid-inception-v3.safetensors).",
        valueName: "file"))
    var inceptionWeights: String?

    @Option(help: """
        The metrics, comma-separated, from fid, kid, is, pr (default: all the features allow; statistics files allow fid only); \
        or log_likelihood alone: a run's mean test log-likelihood (rbm, dbn), log Z by annealed importance sampling; \
        or cas alone: the Classification Accuracy Score of a class-conditional run (cgan, acgan), the real test images' \
        accuracy of the digit classifier trained on the run's samples (also on real and on real + generated images).
        """)
    var metrics: String?

    @Option(help: "Annealing runs of log_likelihood's AIS.")
    var aisRuns = 100

    @Option(help: "Intermediate distributions of log_likelihood's AIS (Salakhutdinov & Murray 2008: 14,500).")
    var aisDistributions = 14_500

    @Option(help: "cas: samples drawn to train the classifier on (default: as many as the real training images).")
    var casCount: Int?

    @Option(help: "cas: the classifier's epochs (4, as the shipped classifier's).")
    var casEpochs = 4

    @Option(help: "Samples drawn from a run's generator.")
    var count = 10_000

    @Option(help: "The seed of a run's latent vectors.")
    var seed: UInt64 = 0

    @Option(help: "Add Gaussian noise of this standard deviation (pixels in [0, 1]) to the evaluated images, to see the metrics rise.")
    var noise: Float = 0

    @Option(help: "Blur the evaluated images with a Gaussian of this standard deviation in pixels.")
    var blur: Float = 0

    @Option(help: ArgumentHelp("The directory holding the reference data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Write the evaluated set's mu and sigma (Float64) to this safetensors file.", valueName: "file"))
    var saveStats: String?

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    @Flag(help: ArgumentHelp(
        "Compute the reference statistics afresh, without reading or writing the cache (DATA_DIR/.fid-stats, then ~/.cache/latent/fid-stats)."))
    var noCache = false

    @Flag(help: "Print one JSON object with each metric.")
    var json = false

    @OptionGroup var distribution: DistributedFlags

    /// The most samples drawn from a run (their images and features are held in memory).
    static let maximumCount = 100_000

    func validate() throws {
        guard ["digits", "inception"].contains(features) else {
            throw ValidationError("--features must be digits or inception, got \"\(features)\"")
        }
        try FlagRange.check(count, "--count", in: 2...Self.maximumCount)
        if let metrics, ![LikelihoodEvaluation.metric, ClassificationAccuracyEvaluation.metric].contains(metrics) {
            _ = try SampleMetric.list(metrics)
        }
        if let casCount { try FlagRange.check(casCount, "--cas-count", in: 10...ClassificationAccuracyEvaluation.maximumCount) }
        try FlagRange.check(casEpochs, "--cas-epochs", in: 1...100)
        try FlagRange.check(aisRuns, "--ais-runs", in: 2...100_000)
        try FlagRange.check(aisDistributions, "--ais-distributions", in: 3...10_000_000)
        try FlagRange.checkThreads(threads)
        guard noise >= 0 && noise.isFinite, blur >= 0 && blur <= 10 else {
            throw ValidationError("--noise must be ≥ 0 and --blur in 0...10, got \(noise) and \(blur)")
        }
    }

    func run() throws {
        try CommandFailure.reporting(evaluate)
    }

    private func evaluate() throws {
        Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let group = try distribution.start()
        defer { DataParallel.finish() }
        if metrics == LikelihoodEvaluation.metric {
            guard (group?.size ?? 1) == 1 else { throw CommandFailure("--metrics log_likelihood runs on one process, not over MPI ranks") }
            return try evaluateLikelihood()
        }
        if metrics == ClassificationAccuracyEvaluation.metric {
            guard (group?.size ?? 1) == 1 else { throw CommandFailure("--metrics cas runs on one process, not over MPI ranks") }
            return try evaluateClassificationAccuracy()
        }
        let inception = features == "inception"
        let requested = try SampleMetric.list(metrics ?? (inception ? "fid,kid,pr" : "fid,kid,is,pr"))
        let start = Date()
        let extractor: any FeatureExtracting
        if inception {
            extractor = try InceptionFeatureExtractor(weightsPath: inceptionWeights)
        } else {
            extractor = try DigitFeatureExtractor(.shipped(reference.hasPrefix("fashion-mnist") ? .fashionMNIST : .mnist))
        }
        let shared: any FeatureExtracting = group.map { RankSplitExtractor(extractor, over: $0) } ?? extractor
        let writes = (group?.rank ?? 0) == 0
        let channels = inception ? nil : 1
        let evaluated = try EvaluationInput(
            input, extractor: shared, channels: channels, count: count, seed: seed, dataDirectory: dataDir,
            perturbation: ImagePerturbation(noise: noise, blur: blur, seed: seed))
        let referenceSet = try referenceInput(
            extractor: shared, channels: channels, onlyStatistics: requested.allSatisfy { $0 == .fid }, writes: writes)
        // The other ranks have helped extract the features; rank 0 computes the metrics and writes.
        guard writes else { return }
        if let saveStats {
            try evaluated.statistics.save(to: URL(fileURLWithPath: saveStats))
        }
        var values: [String: Double]
        if let samples = evaluated.set, let referenceFeatures = referenceSet.set {
            values = try sampleMetrics(samples, reference: referenceFeatures, metrics: requested)
        } else {
            guard requested == [.fid] || requested.allSatisfy({ $0 == .fid }) else {
                throw CommandFailure("statistics files allow only --metrics fid (KID, IS and precision/recall need features)")
            }
            values = ["eval_fid": try frechetDistance(evaluated.statistics, referenceSet.statistics)]
        }
        if let samples = evaluated.set, let labels = evaluated.labels, samples.probabilities != nil {
            values[DigitEvaluation.classAccuracyKey] = try DigitEvaluation.classAccuracy(of: samples, labels: labels)
        }
        if let run = evaluated.run { try EvaluationRecord.append(values, to: run) }
        let seconds = Date().timeIntervalSince(start)
        if json {
            let fields = values.sorted { $0.key < $1.key }.map { "\"\($0.key.replacingOccurrences(of: "eval_", with: ""))\":\($0.value)" }
                + ["\"samples\":\(evaluated.statistics.count)", "\"reference\":\"\(reference)\"", "\"features\":\"\(features)\"",
                   "\"seconds\":\(seconds)"]
            Console.out("{" + fields.joined(separator: ",") + "}")
        } else {
            Console.out("\(input) against \(reference) (\(features) features, \(evaluated.statistics.count) samples):")
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                Console.out("  \(key.replacingOccurrences(of: "eval_", with: "")): \(value)")
            }
        }
    }

    /// `--metrics cas`: the accuracies of the classifiers trained on the run's samples, on real images and on both,
    /// recorded in the run's metrics.
    private func evaluateClassificationAccuracy() throws {
        let start = Date()
        let run = try TrainedRun(directory: URL(fileURLWithPath: input))
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let evaluation = try ClassificationAccuracyEvaluation(
            run: run, count: casCount, sampleSeed: seed, training: ClassifierTraining(epochs: casEpochs, threads: threadCount),
            dataDirectory: dataDir)
        let (values, samples) = try evaluation.evaluate()
        try EvaluationRecord.append(values, to: run)
        printValues(values, details: ["\"samples\":\(samples)", "\"classifier_epochs\":\(casEpochs)"], start: start,
                    heading: "\(input): classifier accuracy on the real test images (trained on \(samples) samples, \(casEpochs) epochs):")
    }

    /// Prints `values` (their `eval_` prefix dropped): one JSON object with the `details` fields and the seconds since
    /// `start` with `--json`, otherwise `heading` and a line per value.
    private func printValues(_ values: [String: Double], details: [String], start: Date, heading: String) {
        if json {
            let fields = values.sorted { $0.key < $1.key }.map { "\"\($0.key.replacingOccurrences(of: "eval_", with: ""))\":\($0.value)" }
                + details + ["\"seconds\":\(Date().timeIntervalSince(start))"]
            Console.out("{" + fields.joined(separator: ",") + "}")
        } else {
            Console.out(heading)
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                Console.out("  \(key.replacingOccurrences(of: "eval_", with: "")): \(value)")
            }
        }
    }

    /// `--metrics log_likelihood`: the run's mean test log-likelihood, recorded in its metrics.
    private func evaluateLikelihood() throws {
        let start = Date()
        let run = try TrainedRun(directory: URL(fileURLWithPath: input), requireGenerator: false)
        let values = try LikelihoodEvaluation(
            run: run, sampling: AnnealedImportanceSampling(intermediate: aisDistributions, runs: aisRuns, seed: seed),
            dataDirectory: dataDir).evaluate()
        try EvaluationRecord.append(values, to: run)
        printValues(values, details: ["\"ais_runs\":\(aisRuns)", "\"ais_distributions\":\(aisDistributions)"], start: start,
                    heading: "\(input): test log-likelihood (AIS, \(aisRuns) runs, \(aisDistributions) distributions):")
    }
}
