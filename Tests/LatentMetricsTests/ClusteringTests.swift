import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

@Test func hungarianSolvesASmallSquareProblem() throws {
    // Row 0 → column 1 (1), row 1 → column 0 (2), row 2 → column 2 (2): total 5, the minimum.
    let pairs = try linearSumAssignment(cost: [[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    #expect(pairs.map(\.column) == [1, 0, 2])
}

@Test func hungarianMatchesScipyOnRectangularMatrices() throws {
    for expected in [MetricFixtures.shared.assignment_wide, MetricFixtures.shared.assignment_tall] {
        let cost = FixtureData.costMatrix(seed: expected.seed, rows: expected.rows, columns: expected.columns)
        let pairs = try linearSumAssignment(cost: cost)
        #expect(pairs.map { [$0.row, $0.column] } == expected.pairs)
        #expect(abs(pairs.reduce(0) { $0 + cost[$1.row][$1.column] } - expected.total) < 1e-12)
    }
}

@Test func kMeansFindsScikitLearnsOptimum() throws {
    let expected = MetricFixtures.shared.clustering
    let (points, truth) = FixtureData.blobs(seed: expected.blob_seed, perBlob: expected.per_blob)
    let result = try kMeans(points, clusters: 4, seed: 3)
    #expect(close(result.inertia, expected.kmeans_inertia, relative: 1e-9), "inertia \(result.inertia), scikit-learn \(expected.kmeans_inertia)")
    #expect(try adjustedRandIndex(truth, result.labels) == 1)
    #expect(try kMeans(points, clusters: 4, seed: 3) == result)
}

@Test func clusteringScoresMatchScikitLearn() throws {
    let expected = MetricFixtures.shared.clustering
    let truth = FixtureData.blobs(seed: expected.blob_seed, perBlob: expected.per_blob).labels
    let noisy = FixtureData.noisyLabels(seed: expected.noise_seed, truth, classes: expected.noise_classes)
    #expect(abs(try normalizedMutualInformation(truth, noisy) - expected.nmi) < 1e-12)
    #expect(abs(try adjustedRandIndex(truth, noisy) - expected.ari) < 1e-12)
    #expect(abs(try clusteringAccuracy(predicted: noisy, truth: truth) - expected.accuracy) < 1e-12)
}

@Test func clusteringScoresOfRenamedLabelsArePerfect() throws {
    let truth = [0, 0, 1, 1, 2, 2, 2], renamed = [5, 5, 9, 9, -1, -1, -1]
    #expect(try adjustedRandIndex(truth, renamed) == 1)
    #expect(abs(try normalizedMutualInformation(truth, renamed) - 1) < 1e-12)
    #expect(try clusteringAccuracy(predicted: renamed, truth: truth) == 1)
    #expect(try normalizedMutualInformation([3, 3, 3], [1, 1, 1]) == 1)
    // Everything in one cluster against a split: no shared information.
    #expect(try normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
}

@Test func clusteringErrors() {
    expectError(containing: ["ARI", "3 and 2 labels"]) { _ = try adjustedRandIndex([0, 1, 1], [0, 1]) }
    expectError(containing: ["NMI", "empty"]) { _ = try normalizedMutualInformation([], []) }
    expectError(containing: ["row 1 has 2 costs"]) { _ = try linearSumAssignment(cost: [[1, 2, 3], [1, 2]]) }
    expectError(containing: ["k-means", "2 samples", "at least 3"]) {
        _ = try kMeans(Tensor([0, 0, 1, 1], shape: [2, 2]), clusters: 3)
    }
}
