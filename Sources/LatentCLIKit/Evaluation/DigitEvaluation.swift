import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// The digit metrics of generated images against a data set's test split (MNIST or Fashion-MNIST),
/// through the shipped classifier of that data set.
struct DigitEvaluation {
    let extractor: DigitFeatureExtractor
    /// The test split through the extractor.
    let reference: EvaluatedSet
    /// The data set whose test split is the reference.
    let dataset: String

    /// The evaluation against `dataset`'s test split (`mnist` or `fashion-mnist`), read from `dataDirectory`
    /// or the data set's default places; throws for another data set or missing files.
    init(dataset: String, dataDirectory: String? = nil) throws {
        guard let variant = MNISTVariant(rawValue: dataset) else {
            throw CommandFailure("digit features need mnist or fashion-mnist as the reference, not \(dataset)")
        }
        guard let test = try DatasetCatalog().load(dataset, split: .test, dataDirectory: dataDirectory).images else {
            throw CommandFailure("data set \(dataset) holds no images")
        }
        extractor = try DigitFeatureExtractor(.shipped(variant))
        reference = try EvaluatedSet(unitImages: test.images(scaling: .zeroToOne), extractor: extractor)
        self.dataset = dataset
    }

    /// The classes asked of `count` samples of a class-conditional `generator`: sample i of class
    /// `i % classCount`; nil for an unconditional generator.
    static func requestedLabels(of generator: any SampleGenerating, count: Int) -> [Int]? {
        generator.conditionalClassCount.map { cyclingLabels(count: count, classCount: $0) }
    }

    /// `count` samples of `generator` drawn with `seed` (of the classes `requestedLabels` gives, for a
    /// class-conditional generator), in batches, scaled to [0, 1] from the model's `scaling`, shaped
    /// `[count] + sampleShape`.
    static func samples(
        of generator: any SampleGenerating, scaling: PixelScaling, sampleShape: [Int] = [1, 28, 28], count: Int, seed: UInt64
    ) -> Tensor {
        var random = RandomGenerator(seed: seed)
        var batches: [Tensor] = []
        let labels = requestedLabels(of: generator, count: count)
        for start in stride(from: 0, to: count, by: 500) {
            let z = generator.noise(count: min(500, count - start), generator: &random)
            let generated: Tensor
            if let labels, let conditional = generator as? any ClassConditionalGenerating {
                generated = conditional.generate(z, labels: Array(labels[start..<(start + z.shape[0])]))
            } else {
                generated = generator.generate(z)
            }
            let images = generated.reshaped([z.shape[0]] + sampleShape)
            batches.append(scaling == .zeroToOne ? images : (images + 1) * 0.5)
        }
        return Tensor.concatenated(batches).clamp(min: 0, max: 1)
    }

    /// The `metrics` of `images` (`[N, 1, 28, 28]` in [0, 1]) against the reference, with
    /// `eval_class_accuracy` when the images were generated for the classes `labels`, and the images'
    /// evaluated set (for class confidence).
    func evaluate(_ images: Tensor, metrics: [SampleMetric], labels: [Int]? = nil) throws
        -> (values: [String: Double], set: EvaluatedSet) {
        let set = try EvaluatedSet(unitImages: images, extractor: extractor)
        var values = try sampleMetrics(set, reference: reference, metrics: metrics)
        if let labels { values[Self.classAccuracyKey] = try Self.classAccuracy(of: set, labels: labels) }
        return (values, set)
    }

    /// The key of the share of conditional samples classified as the class asked for.
    static let classAccuracyKey = "eval_class_accuracy"

    /// The share of `set`'s images that the digit classifier assigns to the classes `labels` they were
    /// generated for; throws when the features give no class probabilities.
    static func classAccuracy(of set: EvaluatedSet, labels: [Int]) throws -> Double {
        guard let probabilities = set.probabilities else { throw CommandFailure("the features give no class probabilities") }
        return try requestedClassAccuracy(probabilities: probabilities, labels: labels)
    }
}
