import LatentData
import LatentMetrics
import LatentTensor
import Testing

// Mode counting on the ring of 8 Gaussians: hand-placed points and samples of the distribution itself.

@Suite struct ModeCoverageTests {
    private let ring = ToyDistribution.ring()

    @Test func handPlacedPointsCountTheirModes() {
        let centres = ring.centres.values
        // 60 points on mode 0, 40 on mode 3, then 1 point far from every mode.
        var values: [Float] = []
        for _ in 0..<60 { values += [centres[0] + 0.01, centres[1]] }
        for _ in 0..<40 { values += [centres[6], centres[7] - 0.05] }
        values += [0, 0]
        let coverage = ModeCoverage(points: Tensor(values, shape: [101, 2]), distribution: ring)
        #expect(coverage.modeCount == 8)
        #expect(coverage.coveredModes == 2)
        #expect(abs(coverage.highQualityShare - 100.0 / 101) < 1e-12)
        #expect(abs(coverage.sharePerMode[0] - 60.0 / 101) < 1e-12 && abs(coverage.sharePerMode[3] - 40.0 / 101) < 1e-12)
    }

    @Test func aModeNeedsOnePercentOfTheSamples() {
        let centres = ring.centres.values
        var values: [Float] = []
        for _ in 0..<199 { values += [centres[0], centres[1]] }
        values += [centres[2], centres[3]]
        #expect(ModeCoverage(points: Tensor(values, shape: [200, 2]), distribution: ring).coveredModes == 1)
        #expect(ModeCoverage(points: Tensor(values, shape: [200, 2]), distribution: ring, minimumShare: 0.005).coveredModes == 2)
    }

    @Test func theDistributionItselfCoversEveryMode() {
        var generator = RandomGenerator(seed: 4)
        let coverage = ModeCoverage(points: ring.sample(2_000, generator: &generator).points, distribution: ring)
        #expect(coverage.coveredModes == 8)
        // Within 3σ in two dimensions: 1 − exp(−4.5) ≈ 98.9% of a Gaussian's samples.
        #expect(coverage.highQualityShare > 0.97)
    }
}
