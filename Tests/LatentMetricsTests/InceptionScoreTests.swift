import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

@Test func inceptionScoreMatchesTheOriginalFormula() throws {
    let expected = MetricFixtures.shared.inception_score
    let probabilities = FixtureData.probabilities(seed: expected.seed, count: expected.count, classes: expected.classes)
    let score = try inceptionScore(probabilities: probabilities, splits: expected.splits)
    #expect(close(score.mean, expected.mean, relative: 1e-10), "IS \(score.mean), reference \(expected.mean)")
    #expect(close(score.std, expected.std, relative: 1e-8), "IS std \(score.std), reference \(expected.std)")
}

@Test func inceptionScoreOfConfidentDiversePredictionsIsTheClassCount() throws {
    // One-hot rows over ten distinct classes: KL = log 10 for each row, score 10.
    var values = [Float](repeating: 0, count: 100)
    for row in 0..<10 { values[row * 10 + row] = 1 }
    let score = try inceptionScore(probabilities: Tensor(values, shape: [10, 10]), splits: 1)
    #expect(abs(score.mean - 10) < 1e-12 && score.std == 0)
    // Identical rows: every row equals the marginal, score 1.
    let uniform = try inceptionScore(probabilities: Tensor([Float](repeating: 0.25, count: 40), shape: [10, 4]), splits: 2)
    #expect(abs(uniform.mean - 1) < 1e-12)
}

@Test func inceptionScoreErrors() {
    expectError(containing: ["inception score", "row 0", "probability distribution"]) {
        _ = try inceptionScore(probabilities: Tensor([2, -1, 0.5, 0.5], shape: [2, 2]), splits: 1)
    }
    expectError(containing: ["2 samples", "at least 10"]) {
        _ = try inceptionScore(probabilities: Tensor([0.5, 0.5, 0.5, 0.5], shape: [2, 2]))
    }
}
