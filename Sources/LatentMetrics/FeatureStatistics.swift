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

    /// Statistics from their parts; `covariance` must hold `mean.count²` values.
    public init(count: Int, mean: [Double], covariance: [Double]) {
        precondition(covariance.count == mean.count * mean.count,
                     "FeatureStatistics: covariance has \(covariance.count) values, expected \(mean.count)² = \(mean.count * mean.count)")
        self.count = count
        self.dimension = mean.count
        self.mean = mean
        self.covariance = covariance
    }

    /// Rows centred and multiplied at a time when summing the covariance.
    static let rowsPerBlock = 512

    /// The statistics of the rows of `features`, a `[count, dimension]` tensor with at least two rows.
    ///
    /// Two passes in Float64: the mean, then the sum of outer products of the centred rows, taken a
    /// block of rows at a time as one matrix product.
    public init(features: Tensor) {
        precondition(features.rank == 2 && features.shape[0] >= 2 && features.shape[1] >= 1,
                     "FeatureStatistics: expected [count ≥ 2, dimension ≥ 1] features, got shape \(features.shape)")
        let count = features.shape[0], dimension = features.shape[1]
        var mean = [Double](repeating: 0, count: dimension)
        var covariance = [Double](repeating: 0, count: dimension * dimension)
        features.withValues { values in
            for row in 0..<count {
                for column in 0..<dimension { mean[column] += Double(values[row * dimension + column]) }
            }
            for column in 0..<dimension { mean[column] /= Double(count) }
            var block = [Double](repeating: 0, count: Self.rowsPerBlock * dimension)
            for start in stride(from: 0, to: count, by: Self.rowsPerBlock) {
                let rows = min(Self.rowsPerBlock, count - start)
                for row in 0..<rows {
                    for column in 0..<dimension {
                        block[row * dimension + column] = Double(values[(start + row) * dimension + column]) - mean[column]
                    }
                }
                block.withUnsafeBufferPointer { block in
                    covariance.withUnsafeMutableBufferPointer { covariance in
                        LinearAlgebra64.gemm(transposeA: true, m: dimension, n: dimension, k: rows,
                                             a: block.baseAddress!, b: block.baseAddress!, beta: 1,
                                             c: covariance.baseAddress!)
                    }
                }
            }
        }
        let divisor = Double(count - 1)
        for i in 0..<dimension {
            for j in i..<dimension {
                // The product is symmetric up to rounding; both halves take the same value.
                let value = (covariance[i * dimension + j] + covariance[j * dimension + i]) / (2 * divisor)
                covariance[i * dimension + j] = value
                covariance[j * dimension + i] = value
            }
        }
        self.init(count: count, mean: mean, covariance: covariance)
    }
}
