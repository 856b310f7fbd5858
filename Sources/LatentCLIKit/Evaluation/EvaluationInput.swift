import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// One side of an evaluation, as `latent eval` names it: a run's generator, a folder of images, a
/// statistics file, or a split of a bundled data set (`mnist-test`, `fashion-mnist-train`, …).
struct EvaluationInput {
    /// The images through the extractor (nil for a statistics file, which holds only `statistics`).
    let set: EvaluatedSet?
    /// The mean and covariance of the features.
    let statistics: FeatureStatistics
    /// The run, when the input is one.
    let run: TrainedRun?
    /// The classes the images were generated for, when the input is a class-conditional run.
    private(set) var labels: [Int]?

    /// Reads `name`: a `DATASET-SPLIT` name, a run directory (`count` samples drawn with `seed`), a
    /// `.safetensors` statistics file or a folder of images (read as `channels` channels when given);
    /// throws naming what does not fit.
    init(
        _ name: String, extractor: any FeatureExtracting, channels: Int?, count: Int, seed: UInt64, dataDirectory: String? = nil,
        perturbation: ImagePerturbation = ImagePerturbation()
    ) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: name, isDirectory: &isDirectory)
        if let (dataset, split) = Self.datasetSplit(name), !exists {
            guard let images = try DatasetCatalog().load(dataset, split: split, dataDirectory: dataDirectory).images else {
                throw CommandFailure("\(name) holds no images")
            }
            try self.init(images: perturbation.apply(images.images(scaling: .zeroToOne)), extractor: extractor, run: nil)
        } else if exists && isDirectory.boolValue && manager.fileExists(atPath: name + "/config.yaml") {
            let run = try TrainedRun(directory: URL(fileURLWithPath: name))
            let images = DigitEvaluation.samples(
                of: run.generator, scaling: run.entry.scaling, sampleShape: run.sampleShape, count: count, seed: seed)
            try self.init(images: perturbation.apply(images), extractor: extractor, run: run)
            labels = DigitEvaluation.requestedLabels(of: run.generator, count: count)
        } else if exists && isDirectory.boolValue {
            let folder = try ImageFolder.load(name, channels: channels)
            try self.init(images: perturbation.apply(folder.dataset.images(scaling: .zeroToOne)), extractor: extractor, run: nil)
        } else if exists {
            guard perturbation.isIdentity else { throw CommandFailure("\(name): statistics cannot be blurred or noised") }
            self.init(set: nil, statistics: try FeatureStatistics.load(from: URL(fileURLWithPath: name)), run: nil)
        } else {
            throw CommandFailure("\(name) is neither a file, a folder nor a data set split (such as mnist-test)")
        }
    }

    private init(images: Tensor, extractor: any FeatureExtracting, run: TrainedRun?) throws {
        let set = try EvaluatedSet(unitImages: images, extractor: extractor)
        self.init(set: set, statistics: set.statistics, run: run)
    }

    /// A side known only by its statistics (read from a file or a cache).
    init(set: EvaluatedSet?, statistics: FeatureStatistics, run: TrainedRun?) {
        self.set = set
        self.statistics = statistics
        self.run = run
    }

    /// The data set and split of names such as `mnist-test` or `fashion-mnist-train`.
    static func datasetSplit(_ name: String) -> (String, DataSplit)? {
        for split in DataSplit.allCases where name.hasSuffix("-" + split.rawValue) {
            let dataset = String(name.dropLast(split.rawValue.count + 1))
            if MNISTVariant(rawValue: dataset) != nil { return (dataset, split) }
        }
        return nil
    }
}
