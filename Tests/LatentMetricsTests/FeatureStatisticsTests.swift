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
