import LatentMetrics
import LatentNN
import Testing

@Test func meanAndCovarianceOfThreePoints() {
    // Rows (1, 2), (3, 2), (5, 8): mean (3, 4); deviations (−2, −2), (0, −2), (2, 4);
    // covariance = [[8, 12], [12, 24]] / 2.
    let features = Tensor([1, 2, 3, 2, 5, 8], shape: [3, 2])
    let statistics = FeatureStatistics(features: features)
    #expect(statistics.count == 3)
    #expect(statistics.mean == [3, 4])
    #expect(statistics.covariance == [4, 6, 6, 12])
}

@Test func covarianceOverSeveralBlocksMatchesTheDefinition() {
    // 1100 rows span three blocks of the blocked product.
    let features = FixtureData.features(seed: 21, count: 1100, dimension: 7, shifted: true)
    let statistics = FeatureStatistics(features: features)
    let values = features.values.map(Double.init)
    for i in 0..<7 {
        for j in 0..<7 {
            var sum = 0.0
            for row in 0..<1100 {
                sum += (values[row * 7 + i] - statistics.mean[i]) * (values[row * 7 + j] - statistics.mean[j])
            }
            #expect(abs(statistics.covariance[i * 7 + j] - sum / 1099) < 1e-12)
        }
    }
}
