import LatentMetrics
import LatentTestSupport
import Testing

@Test func rankingScoresMatchScikitLearnIncludingTies() throws {
    for expected in MixtureFixtures.shared.ranking {
        #expect(abs(try areaUnderROC(scores: expected.scores, isPositive: expected.labels) - expected.auroc) < 1e-12)
        #expect(abs(try averagePrecision(scores: expected.scores, isPositive: expected.labels) - expected.average_precision) < 1e-12)
    }
}

@Test func rankingScoresOfHandComputedCases() throws {
    // Positives at 0.9 and 0.5, negatives at 0.7 and 0.1: 3 of 4 pairs ordered → AUROC 0.75;
    // AP = ½·1 + ½·(2/3).
    let scores = [0.9, 0.7, 0.5, 0.1], labels = [true, false, true, false]
    #expect(abs(try areaUnderROC(scores: scores, isPositive: labels) - 0.75) < 1e-15)
    #expect(abs(try averagePrecision(scores: scores, isPositive: labels) - (0.5 + 1.0 / 3)) < 1e-15)
    // A positive tied with a negative counts one half.
    #expect(try areaUnderROC(scores: [1, 1], isPositive: [true, false]) == 0.5)
}

@Test func rankingScoresRejectBadInput() {
    expectError(containing: ["AUROC", "no negative samples"]) { _ = try areaUnderROC(scores: [1, 2], isPositive: [true, true]) }
    expectError(containing: ["average precision", "no positive samples"]) { _ = try averagePrecision(scores: [1, 2], isPositive: [false, false]) }
    expectError(containing: ["AUROC", "3 scores but 2 labels"]) { _ = try areaUnderROC(scores: [1, 2, 3], isPositive: [true, false]) }
    expectError(containing: ["AUROC", "not finite"]) { _ = try areaUnderROC(scores: [1, .nan], isPositive: [true, false]) }
}
