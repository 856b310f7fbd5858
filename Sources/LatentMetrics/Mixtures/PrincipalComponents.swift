import Foundation
import LatentNN

/// How principal components are computed: exactly, or by a randomized SVD.
public enum PCASolver: String, Sendable, CaseIterable {
    /// The eigendecomposition of the full covariance matrix (LAPACK, Float64).
    case full
    /// A randomized truncated SVD (Halko, Martinsson & Tropp 2011) with power iterations.
    case randomized
}

/// A fitted principal component analysis, with scikit-learn's `PCA` attributes.
public struct PrincipalComponents: Sendable, Equatable {
    /// The mean of the training samples `[D]`.
    public let mean: [Double]
    /// The principal axes, row-major `[K, D]`, unit rows in order of decreasing variance; each
    /// row's entry of largest magnitude is positive.
    public let components: [Double]
    /// The variance along each axis (sample variance, divisor N − 1).
    public let explainedVariance: [Double]
    /// Each axis's share of the total variance.
    public let explainedVarianceRatio: [Double]
    /// The singular values of the centred data along each axis.
    public let singularValues: [Double]
    /// The mean variance of the directions left out (0 when none are).
    public let noiseVariance: Double
    /// Whether `transform` scales each coordinate to unit variance.
    public let whiten: Bool

    /// The number of components K.
    public var componentCount: Int { explainedVariance.count }
    /// The dimension D of the samples.
    public var dimension: Int { mean.count }

    static let metric = "PCA"

    /// A PCA with the given attributes. Throws `MetricError.invalidInput` when the counts do not fit
    /// or a value is not finite or a variance is negative.
    public init(mean: [Double], components: [Double], explainedVariance: [Double], explainedVarianceRatio: [Double],
                singularValues: [Double], noiseVariance: Double, whiten: Bool) throws {
        let k = explainedVariance.count
        guard !mean.isEmpty, k >= 1, components.count == k * mean.count, explainedVarianceRatio.count == k,
              singularValues.count == k else {
            throw MetricError.invalidInput(
                metric: Self.metric,
                problem: "\(components.count) component values, \(k) variances, \(explainedVarianceRatio.count) ratios and \(singularValues.count) singular values do not fit a mean of \(mean.count) values")
        }
        guard (mean + components + explainedVariance + explainedVarianceRatio + singularValues + [noiseVariance]).allSatisfy(\.isFinite),
              explainedVariance.allSatisfy({ $0 >= 0 }), !whiten || explainedVariance.allSatisfy({ $0 > 0 }) else {
            throw MetricError.invalidInput(metric: Self.metric, problem: "a value is not finite, or a variance is negative (or zero when whitening)")
        }
        (self.mean, self.components, self.explainedVariance) = (mean, components, explainedVariance)
        (self.explainedVarianceRatio, self.singularValues) = (explainedVarianceRatio, singularValues)
        (self.noiseVariance, self.whiten) = (noiseVariance, whiten)
    }

    /// The coordinates of the rows of `features` (`[N, D]`) on the axes, `[N, K]`; divided by the
    /// axes' standard deviations when whitening.
    public func transform(_ features: Tensor) throws -> Tensor {
        let samples = try SampleMatrix(features, metric: Self.metric, minimumCount: 1, reason: "nothing to transform")
        guard samples.dimension == dimension else {
            throw MetricError.dimensionMismatch(metric: Self.metric, first: dimension, second: samples.dimension)
        }
        var codes = LinearAlgebra64.multiply(samples.centred(by: mean), components, m: samples.count, n: componentCount,
                                             k: dimension, transposeB: true)
        if whiten {
            let scales = explainedVariance.map { 1 / $0.squareRoot() }
            for index in codes.indices { codes[index] *= scales[index % componentCount] }
        }
        return Tensor(codes.map(Float.init), shape: [samples.count, componentCount])
    }

    /// The points in the original space whose coordinates are the rows of `codes` (`[N, K]`):
    /// the inverse of `transform` on the span of the axes.
    public func inverseTransform(_ codes: Tensor) throws -> Tensor {
        let samples = try SampleMatrix(codes, metric: Self.metric, minimumCount: 1, reason: "nothing to transform back")
        guard samples.dimension == componentCount else {
            throw MetricError.dimensionMismatch(metric: Self.metric, first: componentCount, second: samples.dimension)
        }
        var values = samples.values
        if whiten {
            let scales = explainedVariance.map { $0.squareRoot() }
            for index in values.indices { values[index] *= scales[index % componentCount] }
        }
        var points = LinearAlgebra64.multiply(values, components, m: samples.count, n: dimension, k: componentCount)
        for index in points.indices { points[index] += mean[index % dimension] }
        return Tensor(points.map(Float.init), shape: [samples.count, dimension])
    }
}
