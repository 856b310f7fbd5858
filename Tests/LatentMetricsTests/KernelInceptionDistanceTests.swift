@testable import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

@Test func kidOfWholeSetsMatchesTorchFidelity() throws {
    // Subsets as large as the sets are permutations of them, which MMD² does not see.
    let expected = MetricFixtures.shared.kid_whole_sets
    let kid = try kernelInceptionDistance(real: FixtureData.real, fake: FixtureData.fake, subsets: 3, subsetSize: 300)
    #expect(close(kid.mean, expected.mean, relative: 1e-6), "KID \(kid.mean), torch-fidelity \(expected.mean)")
    #expect(kid.std < 1e-12)
}

@Test func kidOverGivenSubsetsMatchesTorchFidelity() {
    let expected = MetricFixtures.shared.kid_subsets
    let kid = kernelInceptionDistance(real: FixtureData.real, fake: FixtureData.fake,
                                      subsets: Array(zip(expected.real, expected.fake).map { (real: $0, fake: $1) }))
    #expect(close(kid.mean, expected.mean, relative: 1e-6), "KID \(kid.mean), torch-fidelity \(expected.mean)")
    #expect(close(kid.std, expected.std, relative: 1e-6), "KID std \(kid.std), torch-fidelity \(expected.std)")
}

@Test func kidIsSeededAndSmallForOneDistribution() throws {
    let real = FixtureData.real
    let first = try kernelInceptionDistance(real: real, fake: FixtureData.fake, subsets: 5, subsetSize: 100, seed: 1)
    let again = try kernelInceptionDistance(real: real, fake: FixtureData.fake, subsets: 5, subsetSize: 100, seed: 1)
    #expect(first == again && first.std > 0)
    // Two samples of the real distribution are far closer than real and fake.
    let other = FixtureData.features(seed: 9, shifted: false)
    let same = try kernelInceptionDistance(real: real, fake: other, subsets: 5, subsetSize: 100, seed: 1)
    #expect(abs(same.mean) < first.mean / 10)
}

@Test func kidErrors() {
    let real = FixtureData.real
    expectError(containing: ["KID", "300 samples", "at least 1000"]) {
        _ = try kernelInceptionDistance(real: real, fake: FixtureData.fake)
    }
    let narrow = FixtureData.features(seed: 3, dimension: 8, shifted: false)
    expectError(containing: ["KID", "dimensions differ (32 and 8)"]) {
        _ = try kernelInceptionDistance(real: real, fake: narrow, subsetSize: 100)
    }
    expectError(containing: ["subset size is 1"]) { _ = try kernelInceptionDistance(real: real, fake: real, subsetSize: 1) }
}
