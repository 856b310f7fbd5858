import Foundation
import LatentNN

/// A Gaussian mixture model in Float64 with scikit-learn's parameter layout: `weights` `[K]`,
/// `means` `[K, D]` and `covariances` shaped by the covariance type (row-major).
public struct GaussianMixture: Sendable, Equatable {
    /// The shape of each component's covariance.
    public let covarianceType: CovarianceType
    /// The mixing weights, summing to 1.
    public let weights: [Double]
    /// The component means, row-major `[K, D]`.
    public let means: [Double]
    /// The covariances: `[K, D, D]` (full), `[K, D]` (diag) or `[K]` (spherical), row-major.
    public let covariances: [Double]
    /// The number of components K.
    public let components: Int
    /// The dimension D of the samples.
    public let dimension: Int
    let precisionCholesky: [Double]

    static let metric = "Gaussian mixture"

    /// A mixture with the given parameters. Throws `MetricError.invalidInput` when the counts do not
    /// fit, a weight is negative or the weights do not sum to 1 (within 1e-6), a value is not finite,
    /// or a covariance is not positive definite.
    public init(covarianceType: CovarianceType, weights: [Double], means: [Double], covariances: [Double]) throws {
        func fail(_ problem: String) -> MetricError { .invalidInput(metric: Self.metric, problem: problem) }
        let components = weights.count
        guard components >= 1, means.count >= components, means.count % components == 0 else {
            throw fail("\(weights.count) weights and \(means.count) mean values do not form [components, dimension] means")
        }
        let dimension = means.count / components
        let expected = covarianceType.valueCount(components: components, dimension: dimension)
        guard covariances.count == expected else {
            throw fail("\(covariances.count) covariance values, expected \(expected) for \(covarianceType.rawValue) covariances of \(components) components in \(dimension) dimensions")
        }
        guard (weights + means + covariances).allSatisfy(\.isFinite) else { throw fail("a parameter is not finite") }
        guard weights.allSatisfy({ $0 >= 0 }), abs(weights.reduce(0, +) - 1) <= 1e-6 else {
            throw fail("weights must be non-negative and sum to 1, got \(weights)")
        }
        guard let factors = MixtureDensity.precisionCholesky(
            of: covariances, type: covarianceType, components: components, dimension: dimension) else {
            throw fail("a covariance is not positive definite; fitting needs a larger reg_covar")
        }
        self.covarianceType = covarianceType
        (self.weights, self.means, self.covariances) = (weights, means, covariances)
        (self.components, self.dimension, self.precisionCholesky) = (components, dimension, factors)
    }

    var density: MixtureDensity {
        MixtureDensity(type: covarianceType, components: components, dimension: dimension,
                       logWeights: weights.map { log($0) }, means: means, precisionCholesky: precisionCholesky)
    }

    /// The number of free parameters (weights, means and covariances), as BIC and AIC count them.
    public var parameterCount: Int {
        covarianceType.parameterCount(components: components, dimension: dimension) + components * dimension + components - 1
    }

    func samples(_ features: Tensor) throws -> SampleMatrix {
        let samples = try SampleMatrix(features, metric: Self.metric, minimumCount: 1, reason: "scoring needs a sample")
        guard samples.dimension == dimension else {
            throw MetricError.dimensionMismatch(metric: Self.metric, first: dimension, second: samples.dimension)
        }
        return samples
    }

    /// The log-likelihood of each row of `features` (`[N, D]`), in nats (scikit-learn's `score_samples`).
    public func logLikelihoods(_ features: Tensor) throws -> [Double] {
        density.expectation(try samples(features)).logLikelihoods
    }

    /// The mean log-likelihood per sample (scikit-learn's `score`).
    public func score(_ features: Tensor) throws -> Double {
        let values = try logLikelihoods(features)
        return values.reduce(0, +) / Double(values.count)
    }

    /// The posterior probability of each component for each row, row-major `[N, K]` (`predict_proba`).
    public func responsibilities(_ features: Tensor) throws -> [Double] {
        density.expectation(try samples(features)).logResponsibilities.map { exp($0) }
    }

    /// The most probable component of each row (`predict`).
    public func predict(_ features: Tensor) throws -> [Int] {
        let probabilities = try responsibilities(features)
        return (0..<features.shape[0]).map { row in
            let slice = probabilities[row * components..<(row + 1) * components]
            return slice.indices.max { slice[$0] < slice[$1] }! - row * components
        }
    }

    /// The Bayesian information criterion on `features`: −2 · total log-likelihood + p · ln N.
    public func bic(_ features: Tensor) throws -> Double {
        let n = Double(features.shape.first ?? 0)
        return try -2 * score(features) * n + Double(parameterCount) * log(n)
    }

    /// The Akaike information criterion on `features`: −2 · total log-likelihood + 2p.
    public func aic(_ features: Tensor) throws -> Double {
        let n = Double(features.shape.first ?? 0)
        return try -2 * score(features) * n + 2 * Double(parameterCount)
    }

    /// `count` samples drawn from the mixture, row-major `[count, D]`, and each one's component;
    /// seeded by `seed`.
    public func sample(count: Int, seed: UInt64 = 0) -> (values: [Double], components: [Int]) {
        precondition(count >= 0, "GaussianMixture.sample: count \(count) is negative")
        var generator = RandomGenerator(seed: seed)
        let d = dimension
        let factors: [[Double]] = (0..<components).map { k in
            switch covarianceType {
            case .full:
                return Cholesky.lower(Array(covariances[k * d * d..<(k + 1) * d * d]), dimension: d)!
            case .diag:
                return covariances[k * d..<(k + 1) * d].map { $0.squareRoot() }
            case .spherical:
                return [Double](repeating: covariances[k].squareRoot(), count: d)
            }
        }
        var values: [Double] = [], labels: [Int] = []
        values.reserveCapacity(count * d)
        for _ in 0..<count {
            let target = Double(generator.nextUInt64() >> 11) * 0x1p-53
            var cumulative = 0.0, k = components - 1
            for (index, weight) in weights.enumerated() {
                cumulative += weight
                if target < cumulative { k = index; break }
            }
            let z = (0..<d).map { _ in standardNormal(&generator) }
            for i in 0..<d {
                var value = means[k * d + i]
                if covarianceType == .full {
                    for j in 0...i { value += factors[k][i * d + j] * z[j] }
                } else {
                    value += factors[k][i] * z[i]
                }
                values.append(value)
            }
            labels.append(k)
        }
        return (values, labels)
    }
}
