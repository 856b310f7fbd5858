@testable import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

@Test func precisionRecallMatchesTorchFidelity() throws {
    let expected = MetricFixtures.shared.precision_recall_k3
    let result = try improvedPrecisionRecall(real: FixtureData.real, fake: FixtureData.fake)
    // torch-fidelity averages in Float32.
    #expect(abs(result.precision - expected.precision) < 1e-7 && abs(result.recall - expected.recall) < 1e-7)
}

@Test func precisionRecallDensityCoverageMatchPRDC() throws {
    let expected = MetricFixtures.shared.prdc_k5
    let real = FixtureData.real, fake = FixtureData.fake
    let manifold = try improvedPrecisionRecall(real: real, fake: fake, k: 5)
    let result = try densityCoverage(real: real, fake: fake)
    #expect(abs(manifold.precision - expected.precision) < 1e-12 && abs(manifold.recall - expected.recall) < 1e-12)
    #expect(abs(result.density - expected.density) < 1e-12 && abs(result.coverage - expected.coverage) < 1e-12)
}

@Test func identicalSetsHaveFullPrecisionRecallAndCoverage() throws {
    let real = FixtureData.real
    #expect(try improvedPrecisionRecall(real: real, fake: real) == PrecisionRecall(precision: 1, recall: 1))
    #expect(try densityCoverage(real: real, fake: real).coverage == 1)
}

@Test func tiledNeighbourRadiiMatchBruteForce() {
    let features = FixtureData.features(seed: 5, count: 40, dimension: 6, shifted: true)
    let values = features.values.map(Double.init)
    let radii = features.withValues { PairwiseDistances.nearestNeighbourRadii($0, dimension: 6, k: 3, tileRows: 7) }
    for i in 0..<40 {
        let distances = (0..<40).map { j in
            (0..<6).reduce(0.0) { $0 + (values[i * 6 + $1] - values[j * 6 + $1]) * (values[i * 6 + $1] - values[j * 6 + $1]) }
                .squareRoot()
        }.sorted()
        #expect(abs(radii[i] - distances[3]) < 1e-9)
    }
}

@Test func precisionRecallErrors() {
    let few = FixtureData.features(seed: 4, count: 3, dimension: 32, shifted: false)
    expectError(containing: ["precision/recall", "3 samples", "at least 4"]) {
        _ = try improvedPrecisionRecall(real: few, fake: FixtureData.fake)
    }
    let narrow = FixtureData.features(seed: 3, dimension: 8, shifted: false)
    expectError(containing: ["density/coverage", "dimensions differ"]) {
        _ = try densityCoverage(real: FixtureData.real, fake: narrow)
    }
}
