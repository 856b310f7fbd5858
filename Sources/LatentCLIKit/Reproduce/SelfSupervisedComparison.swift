import Foundation
import LatentData
import LatentMetrics
import LatentModels

/// dcgan trained with and without a self-supervised option for the same steps on one data set, and what
/// each run's discriminator learned: FID of its samples (digit or fashion features against the test
/// split), the accuracy of a linear probe on its features trained with `labelsPerClass` labelled training
/// images per class and scored on the first `testCount` test images, k-means clustering accuracy on those
/// test features, and the mean of a logged training measurement over its last records.
struct SelfSupervisedComparison {
    /// The option under test, such as `rotation` = `0.2,1`.
    let option: (name: String, value: String)
    /// The training measurement averaged at the end (such as `d_rotation_accuracy_real`), nil for none.
    let loggedMeasurement: String?
    static let labelsPerClass = 10
    static let testCount = 5_000
    static let sampleCount = 10_000
    /// The logged records averaged for the end of training's measurement.
    static let lastRecords = 50

    /// The figures of one run: `fid`, `probe_accuracy`, `kmeans_accuracy` and the logged measurement by its name.
    struct Figures {
        let run: URL
        let values: [String: Double]
    }

    /// The plain and the optioned run on `dataset` (`mnist` or `fashion-mnist`, read from `dataDirectory`).
    func compare(on dataset: String, dataDirectory: String?, context: ReproductionContext) throws -> (plain: Figures, option: Figures) {
        let evaluation = try DigitEvaluation(dataset: dataset, dataDirectory: dataDirectory)
        let catalog = DatasetCatalog()
        guard let train = try catalog.load(dataset, split: .train, dataDirectory: dataDirectory).images,
              let test = try catalog.load(dataset, split: .test, dataDirectory: dataDirectory).images else {
            throw CommandFailure("data set \(dataset) holds no labelled images")
        }
        let labelled = try train.labelledSubset(perClass: Self.labelsPerClass, seed: context.seed)
        let heldOut = test.subset(Array(0..<min(Self.testCount, test.count)))
        func measure(_ variant: String, options: [String: String]) throws -> Figures {
            let run = try context.train("dcgan", runName: "\(dataset)-\(variant)", epochs: context.epochs, options: options) {
                $0.dataset = dataset
                $0.dataDirectory = dataDirectory
            }
            var values = try evaluation.evaluate(run: run, count: Self.sampleCount, seed: context.seed, metrics: [.fid]).values
                .filter { $0.key == "eval_fid" }.reduce(into: [String: Double]()) { $0["fid"] = $1.value }
            let trained = try TrainedRun(directory: run, requireGenerator: false)
            let representation = try trained.representation(named: "discriminator")
            let probeFeatures = representation.encode(labelled.images(scaling: trained.entry.scaling))
            let testFeatures = representation.encode(heldOut.images(scaling: trained.entry.scaling))
            values["probe_accuracy"] = try linearProbeAccuracy(
                train: probeFeatures, trainLabels: labelled.labels, test: testFeatures, testLabels: heldOut.labels)
            let clusters = try kMeans(testFeatures, clusters: heldOut.classCount, restarts: 10, seed: context.seed)
            values["kmeans_accuracy"] = try clusteringAccuracy(predicted: clusters.labels, truth: heldOut.labels)
            if let loggedMeasurement, let series = try context.metrics(run).series[loggedMeasurement] {
                let last = series.values.filter(\.isFinite).suffix(Self.lastRecords)
                values[loggedMeasurement] = last.isEmpty ? .nan : last.reduce(0, +) / Double(last.count)
            }
            return Figures(run: run, values: values)
        }
        return (try measure("plain", options: [:]), try measure(option.name, options: [option.name: option.value]))
    }

    /// The figures of both runs on `dataset`, keyed `<dataset>_<plain|option>_<figure>` (the data set's
    /// name with `_` for `-`), plus `<dataset>_probe_gain` (the option's probe accuracy minus the plain one's).
    func figures(_ dataset: String, _ pair: (plain: Figures, option: Figures)) -> [String: Double] {
        let prefix = dataset.replacingOccurrences(of: "-", with: "_")
        var figures: [String: Double] = [:]
        for (variant, run) in [("plain", pair.plain), (option.name, pair.option)] {
            for (key, value) in run.values { figures["\(prefix)_\(variant)_\(key)"] = value }
        }
        figures["\(prefix)_probe_gain"] = probeGain(pair)
        return figures
    }

    /// The option's probe accuracy minus the plain run's.
    func probeGain(_ pair: (plain: Figures, option: Figures)) -> Double {
        (pair.option.values["probe_accuracy"] ?? .nan) - (pair.plain.values["probe_accuracy"] ?? .nan)
    }
}

extension SelfSupervisedComparison {
    /// The reproduction `name`: both runs on MNIST and on Fashion-MNIST (from `context`'s folder for it),
    /// the MNIST probe gain as the headline (at least 0.05) with the option's MNIST FID no worse than the
    /// plain one's and `extraChecks` of the figures as further checks.
    func reproduce(
        name: String, context: ReproductionContext, extraChecks: ([String: Double]) -> [ReproductionResult.Check], source: String
    ) throws -> ReproductionResult {
        let start = Date()
        let mnist = try compare(on: "mnist", dataDirectory: nil, context: context)
        let fashion = try compare(on: "fashion-mnist", dataDirectory: context.fashionMNISTDirectory, context: context)
        let figures = self.figures("mnist", mnist).merging(self.figures("fashion-mnist", fashion)) { first, _ in first }
        let fidCheck = ReproductionResult.Check.atMost(
            "MNIST FID with \(option.name), at most the plain dcgan's", mnist.option.values["fid"] ?? .nan, mnist.plain.values["fid"] ?? .nan)
        return ReproductionResult(
            name: name,
            main: .atLeast("linear-probe accuracy gain of the \(option.name) D over the plain D, MNIST, 10 labels per class", probeGain(mnist), 0.05),
            others: [fidCheck] + extraChecks(figures), figures: figures, source: source,
            seconds: Date().timeIntervalSince(start), runs: [mnist.plain.run, mnist.option.run, fashion.plain.run, fashion.option.run])
    }
}
