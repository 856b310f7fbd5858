import LatentNN

/// The mean and covariance of a set of feature vectors, in Float64: what FID compares.
public struct FeatureStatistics: Sendable, Equatable {
    /// The number of feature vectors summarised.
    public let count: Int
    /// The feature dimension.
    public let dimension: Int
    /// The mean of each feature, `dimension` values.
    public let mean: [Double]
    /// The unbiased sample covariance (divided by count − 1, as `numpy.cov`), row-major
    /// `dimension × dimension`.
    public let covariance: [Double]

    public init(count: Int, mean: [Double], covariance: [Double]) {
        precondition(covariance.count == mean.count * mean.count,
                     "FeatureStatistics: covariance has \(covariance.count) values, expected \(mean.count)² = \(mean.count * mean.count)")
        self.count = count
        self.dimension = mean.count
        self.mean = mean
        self.covariance = covariance
    }

    /// The statistics of the rows of `features`, a `[count, dimension]` tensor with at least two rows.
    public init(features: Tensor) {
        precondition(features.rank == 2 && features.shape[0] >= 2,
                     "FeatureStatistics: expected [count ≥ 2, dimension] features, got shape \(features.shape)")
        let count = features.shape[0], dimension = features.shape[1]
        var mean = [Double](repeating: 0, count: dimension)
        var covariance = [Double](repeating: 0, count: dimension * dimension)
        features.withValues { values in
            for row in 0..<count {
                for column in 0..<dimension { mean[column] += Double(values[row * dimension + column]) }
            }
            for column in 0..<dimension { mean[column] /= Double(count) }
            var centred = [Double](repeating: 0, count: dimension)
            for row in 0..<count {
                for column in 0..<dimension { centred[column] = Double(values[row * dimension + column]) - mean[column] }
                for i in 0..<dimension where centred[i] != 0 {
                    let scale = centred[i]
                    for j in i..<dimension { covariance[i * dimension + j] += scale * centred[j] }
                }
            }
        }
        let divisor = Double(count - 1)
        for i in 0..<dimension {
            for j in i..<dimension {
                let value = covariance[i * dimension + j] / divisor
                covariance[i * dimension + j] = value
                covariance[j * dimension + i] = value
            }
        }
        self.init(count: count, mean: mean, covariance: covariance)
    }
}
