@testable import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

@Test func frechetDistanceMatchesPytorchFID() throws {
    let fid = try frechetDistance(FeatureStatistics(features: FixtureData.real), FeatureStatistics(features: FixtureData.fake))
    #expect(close(fid, MetricFixtures.shared.fid, relative: 1e-6), "FID \(fid), pytorch-fid \(MetricFixtures.shared.fid)")
}

@Test func frechetDistanceWithSingularCovariancesMatchesPytorchFID() throws {
    // 20 samples of 32 features: rank-19 covariances.
    let fid = try frechetDistance(
        FeatureStatistics(features: FixtureData.features(seed: 11, count: 20, dimension: 32, shifted: false)),
        FeatureStatistics(features: FixtureData.features(seed: 12, count: 20, dimension: 32, shifted: true)))
    let expected = MetricFixtures.shared.fid_fewer_samples_than_dimensions
    #expect(close(fid, expected, relative: 1e-6), "FID \(fid), pytorch-fid \(expected)")
}

@Test func frechetDistanceOfIdenticalStatisticsIsZero() throws {
    let statistics = FeatureStatistics(features: FixtureData.real)
    let trace = (0..<32).reduce(0.0) { $0 + statistics.covariance[$1 * 33] }
    #expect(abs(try frechetDistance(statistics, statistics)) <= 1e-9 * trace)
}

@Test func frechetDistanceOfOneDimensionalGaussians() throws {
    // (μ₁ − μ₂)² + (σ₁ − σ₂)²: (1 − 3)² + (2 − 3)² = 5.
    let a = FeatureStatistics(count: 10, mean: [1], covariance: [4])
    let b = FeatureStatistics(count: 10, mean: [3], covariance: [9])
    #expect(abs(try frechetDistance(a, b) - 5) < 1e-12)
}

@Test func frechetDistanceOfSingularCommutingCovariances() throws {
    // Σ₁ = diag(4, 0, 0), Σ₂ = diag(1, 1, 0): Σ (√a − √b)² = (2 − 1)² + (0 − 1)² = 2.
    let a = FeatureStatistics(count: 2, mean: [0, 0, 0], covariance: [4, 0, 0, 0, 0, 0, 0, 0, 0])
    let b = FeatureStatistics(count: 2, mean: [0, 0, 0], covariance: [1, 0, 0, 0, 1, 0, 0, 0, 0])
    #expect(abs(try frechetDistance(a, b) - 2) < 1e-12)
}

@Test func frechetDistanceWithFewerSamplesThanDimensions() throws {
    // Three samples in six dimensions: rank-2 covariances, still a finite distance, zero against itself.
    let a = FeatureStatistics(features: FixtureData.features(seed: 11, count: 3, dimension: 6, shifted: false))
    let b = FeatureStatistics(features: FixtureData.features(seed: 12, count: 3, dimension: 6, shifted: true))
    let distance = try frechetDistance(a, b)
    #expect(distance.isFinite && distance > 0)
    #expect(abs(try frechetDistance(a, a)) < 1e-9)
}

@Test func frechetFallbackOffsetShiftsBothCovariances() throws {
    // tr √((a + ε)(b + ε)) in one dimension.
    let trace = try traceOfSquareRootProduct([4], [9], dimension: 1, offset: 0.5)
    #expect(abs(trace - (4.5 * 9.5).squareRoot()) < 1e-12)
}

@Test func frechetDistanceErrors() {
    let two = FeatureStatistics(count: 5, mean: [0, 0], covariance: [1, 0, 0, 1])
    let three = FeatureStatistics(count: 5, mean: [0, 0, 0], covariance: [1, 0, 0, 0, 1, 0, 0, 0, 1])
    expectError(containing: ["FID", "dimensions differ", "2", "3"]) { _ = try frechetDistance(two, three) }
    let single = FeatureStatistics(count: 1, mean: [0, 0], covariance: [0, 0, 0, 0])
    expectError(containing: ["1 samples", "at least 2"]) { _ = try frechetDistance(single, two) }
    let indefinite = FeatureStatistics(count: 5, mean: [0, 0], covariance: [1, 0, 0, -0.5])
    expectError(containing: ["eigenvalue -0.5", "not positive semi-definite"]) { _ = try frechetDistance(indefinite, two) }
    let infinite = FeatureStatistics(count: 5, mean: [.infinity, 0], covariance: [1, 0, 0, 1])
    expectError(containing: ["not finite"]) { _ = try frechetDistance(infinite, two) }
}
