import LatentMetrics
import LatentNN

/// The timing of Inception feature extraction over a set of images.
struct InceptionTiming {
    let images: Int
    let seconds: Double
    /// Processor seconds over all threads: on a loaded machine, a steadier measure than `seconds`.
    let cpuSeconds: Double
    var imagesPerSecond: Double { Double(images) / seconds }
}

/// Times `InceptionFeatureExtractor` on `images` seeded random 32×32 RGB byte images, `batch` at a
/// time, after one untimed warm-up batch (the same work as `Benchmarks/inception_pytorch.py`).
func timeInceptionFeatures(images: Int, batch: Int, weightsPath: String?) throws -> InceptionTiming {
    let extractor = try InceptionFeatureExtractor(weightsPath: weightsPath, batchSize: batch)
    var generator = RandomGenerator(seed: 0)
    let uniform = Tensor.uniform([images, 3, 32, 32], low: 0, high: 256, generator: &generator)
    let pixels = Tensor(uniform.values.map { min(255, $0.rounded(.down)) }, shape: uniform.shape)
    _ = try extractor.features(of: pixels.slice(axis: 0, range: 0..<min(batch, images)), range: .bytes)
    let (start, cpuStart) = (monotonicSeconds(), processCPUSeconds())
    let features = try extractor.features(of: pixels, range: .bytes)
    let (seconds, cpuSeconds) = (monotonicSeconds() - start, processCPUSeconds() - cpuStart)
    precondition(features.shape == [images, InceptionV3.featureCount], "unexpected feature shape \(features.shape)")
    return InceptionTiming(images: images, seconds: seconds, cpuSeconds: cpuSeconds)
}
