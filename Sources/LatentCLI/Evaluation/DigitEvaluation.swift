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

    /// `count` samples of `generator` drawn with `seed`, in batches, scaled to [0, 1] from the model's
    /// `scaling`, shaped `[count] + sampleShape`.
    static func samples(
        of generator: any SampleGenerating, scaling: PixelScaling, sampleShape: [Int] = [1, 28, 28], count: Int, seed: UInt64
    ) -> Tensor {
        var random = RandomGenerator(seed: seed)
        var batches: [Tensor] = []
        for start in stride(from: 0, to: count, by: 500) {
            let z = Tensor.randn([min(500, count - start)] + generator.latentShape, generator: &random)
            let images = generator.generate(z).reshaped([z.shape[0]] + sampleShape)
            batches.append(scaling == .zeroToOne ? images : (images + 1) * 0.5)
        }
        return Tensor.concatenated(batches).clamp(min: 0, max: 1)
    }

    /// The `metrics` of `images` (`[N, 1, 28, 28]` in [0, 1]) against the reference, and the images'
    /// evaluated set (for class confidence).
    func evaluate(_ images: Tensor, metrics: [SampleMetric]) throws -> (values: [String: Double], set: EvaluatedSet) {
        let set = try EvaluatedSet(unitImages: images, extractor: extractor)
        return (try sampleMetrics(set, reference: reference, metrics: metrics), set)
    }
}
