import Foundation
import LatentMetrics
import LatentNN
import Testing

/// Times the metrics at the sizes of a real evaluation (10 000 samples of 2048 Inception features).
/// Opt-in, as a benchmark: `LATENT_METRICS_TIMING=1 swift test -c release --filter MetricTiming`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["LATENT_METRICS_TIMING"] != nil))
func metricTimingAtInceptionScale() throws {
    var generator = RandomGenerator(seed: 1)
    // ReLU-like non-negative features with correlated columns, as pooled Inception features are.
    func features(shift: Float) -> Tensor {
        let noise = Tensor.randn([10_000, 2048], generator: &generator).values
        return Tensor(noise.indices.map { max(0, noise[$0] + 0.5 * noise[$0 / 2048 * 2048 + ($0 + 1) % 2048] + shift) },
                      shape: [10_000, 2048])
    }
    let real = features(shift: 0), fake = features(shift: 0.1)
    func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let result = try body()
        print(String(format: "%@: %.2f s", label, Date().timeIntervalSince(start)))
        return result
    }
    let realStatistics = timed("statistics of 10000×2048") { FeatureStatistics(features: real) }
    let fakeStatistics = FeatureStatistics(features: fake)
    let fid = try timed("FID distance, dimension 2048") { try frechetDistance(realStatistics, fakeStatistics) }
    let precisionRecall = try timed("precision/recall 10000×10000×2048") { try improvedPrecisionRecall(real: real, fake: fake) }
    let kid = try timed("KID 100 subsets of 1000") { try kernelInceptionDistance(real: real, fake: fake) }
    print("FID \(fid), precision \(precisionRecall.precision), recall \(precisionRecall.recall), KID \(kid.mean) ± \(kid.std)")
    #expect(fid > 0 && kid.mean > 0)
}
