import Foundation
import LatentNN

/// Starting parameters of a Gaussian mixture fit, as scikit-learn's `weights_init`, `means_init`
/// and `precisions_init`; each one left nil comes from the k-means initialisation.
public struct GaussianMixtureInitialization: Sendable {
    /// The weights `[K]`, summing to 1.
    public var weights: [Double]?
    /// The means `[K, D]`, row-major.
    public var means: [Double]?
    /// The precisions (inverse covariances): `[K, D, D]` (full), `[K, D]` (diag) or `[K]` (spherical).
    public var precisions: [Double]?

    /// Starting parameters; nil leaves a parameter to the k-means initialisation.
    public init(weights: [Double]? = nil, means: [Double]? = nil, precisions: [Double]? = nil) {
        (self.weights, self.means, self.precisions) = (weights, means, precisions)
    }
}

/// A fitted Gaussian mixture and how its best run ended.
public struct GaussianMixtureFit: Sendable {
    /// The mixture of the run with the highest final lower bound.
    public let model: GaussianMixture
    /// That run's mean log-likelihood per sample at its last E-step (scikit-learn's `lower_bound_`).
    public let lowerBound: Double
    /// The EM iterations that run took.
    public let iterations: Int
    /// Whether that run's lower bound changed by less than the tolerance before `maxIterations`.
    public let converged: Bool
    /// The most probable component of each training sample under `model`.
    public let labels: [Int]
}

/// Fits a Gaussian mixture of `components` components to the rows of `features` (`[N, D]`) by EM
/// in Float64, as scikit-learn's `GaussianMixture`: each of `nInit` runs starts from the
/// responsibilities of a k-means clustering (k-means++ centres, one restart, its own seed drawn
/// from `seed`), overridden by `initialization` where given, then alternates E- and M-steps
/// (`regCovar` added to each covariance's diagonal) until the mean log-likelihood changes by less
/// than `tolerance` or `maxIterations` steps; the run with the highest final mean log-likelihood wins.
///
/// Throws `MetricError` for fewer samples than components, a value that is not finite, arguments out
/// of range, or a covariance that is not positive definite (increase `regCovar`).
public func fitGaussianMixture(
    _ features: Tensor, components: Int, covarianceType: CovarianceType = .full, tolerance: Double = 1e-3,
    regCovar: Double = 1e-6, maxIterations: Int = 100, nInit: Int = 1,
    initialization: GaussianMixtureInitialization = GaussianMixtureInitialization(), seed: UInt64 = 0
) throws -> GaussianMixtureFit {
    let metric = GaussianMixture.metric
    func fail(_ problem: String) -> MetricError { .invalidInput(metric: metric, problem: problem) }
    guard components >= 1, nInit >= 1, maxIterations >= 1 else {
        throw fail("components \(components), n_init \(nInit) and max_iter \(maxIterations) must be at least 1")
    }
    guard tolerance >= 0, tolerance.isFinite, regCovar >= 0, regCovar.isFinite else {
        throw fail("tol \(tolerance) and reg_covar \(regCovar) must be finite and non-negative")
    }
    let samples = try SampleMatrix(features, metric: metric, minimumCount: components, reason: "each component needs a sample")
    let estimator = MixtureEstimator(samples: samples, type: covarianceType, components: components, regCovar: regCovar)
    var generator = RandomGenerator(seed: seed)
    var best: GaussianMixtureFit?
    for _ in 0..<nInit {
        let clustering = try kMeans(features, clusters: components, restarts: 1, seed: generator.nextUInt64())
        var responsibilities = [Double](repeating: 0, count: samples.count * components)
        for (row, label) in clustering.labels.enumerated() { responsibilities[row * components + label] = 1 }
        var density = try estimator.maximization(responsibilities).density
        density = try estimator.overriding(density, with: initialization)
        var lowerBound = -Double.infinity, converged = false, iterations = 0
        var model: GaussianMixture?
        while iterations < maxIterations {
            iterations += 1
            let previous = lowerBound
            let (likelihoods, logResponsibilities) = density.expectation(samples)
            let fitted = try estimator.maximization(logResponsibilities.map { exp($0) })
            (model, density) = (fitted, fitted.density)
            lowerBound = likelihoods.reduce(0, +) / Double(samples.count)
            if abs(lowerBound - previous) < tolerance { converged = true; break }
        }
        if best == nil || lowerBound > best!.lowerBound {
            let labels = try model!.predict(features)
            best = GaussianMixtureFit(model: model!, lowerBound: lowerBound, iterations: iterations, converged: converged, labels: labels)
        }
    }
    return best!
}

/// The M-step of a Gaussian mixture on fixed samples.
private struct MixtureEstimator {
    let samples: SampleMatrix
    let type: CovarianceType
    let components: Int
    let regCovar: Double

    /// The mixture whose parameters maximise the expected log-likelihood under `responsibilities` (`[N, K]`).
    func maximization(_ responsibilities: [Double]) throws -> GaussianMixture {
        let n = samples.count, d = samples.dimension, k = components
        var totals = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        for row in 0..<n { for c in 0..<k { totals[c] += responsibilities[row * k + c] } }
        var means = LinearAlgebra64.multiply(responsibilities, samples.values, m: k, n: d, k: n, transposeA: true)
        for c in 0..<k { for i in 0..<d { means[c * d + i] /= totals[c] } }
        var covariances: [Double] = []
        for c in 0..<k {
            var weighted = [Double](repeating: 0, count: n * d), centred = weighted
            for row in 0..<n {
                let r = responsibilities[row * k + c]
                for i in 0..<d {
                    let difference = samples.values[row * d + i] - means[c * d + i]
                    centred[row * d + i] = difference
                    weighted[row * d + i] = r * difference
                }
            }
            switch type {
            case .full:
                var block = LinearAlgebra64.multiply(weighted, centred, m: d, n: d, k: n, transposeA: true)
                for index in block.indices { block[index] /= totals[c] }
                for i in 0..<d { block[i * d + i] += regCovar }
                covariances += block
            case .diag, .spherical:
                var variances = [Double](repeating: 0, count: d)
                for row in 0..<n { for i in 0..<d { variances[i] += weighted[row * d + i] * centred[row * d + i] } }
                let diagonal = variances.map { $0 / totals[c] + regCovar }
                covariances += type == .diag ? diagonal : [diagonal.reduce(0, +) / Double(d)]
            }
        }
        let sum = totals.reduce(0, +)
        do {
            return try GaussianMixture(covarianceType: type, weights: totals.map { $0 / sum }, means: means, covariances: covariances)
        } catch {
            throw MetricError.invalidInput(
                metric: GaussianMixture.metric,
                problem: "a component's covariance is not positive definite (it has collapsed onto too few samples); increase reg_covar (now \(regCovar)) or use fewer components")
        }
    }

    /// `density` with the parameters that `initialization` gives in place of its own.
    func overriding(_ density: MixtureDensity, with initialization: GaussianMixtureInitialization) throws -> MixtureDensity {
        func fail(_ problem: String) -> MetricError { .invalidInput(metric: GaussianMixture.metric, problem: problem) }
        let d = samples.dimension, k = components
        var logWeights = density.logWeights, means = density.means, factors = density.precisionCholesky
        if let weights = initialization.weights {
            guard weights.count == k, weights.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(weights.reduce(0, +) - 1) <= 1e-6 else {
                throw fail("weights_init must hold \(k) non-negative weights summing to 1")
            }
            logWeights = weights.map { log($0) }
        }
        if let given = initialization.means {
            guard given.count == k * d, given.allSatisfy(\.isFinite) else { throw fail("means_init must hold \(k)×\(d) finite values") }
            means = given
        }
        if let precisions = initialization.precisions {
            guard precisions.count == type.valueCount(components: k, dimension: d), precisions.allSatisfy(\.isFinite) else {
                throw fail("precisions_init must hold \(type.shape(components: k, dimension: d)) finite values")
            }
            switch type {
            case .full:
                factors = []
                for c in 0..<k {
                    guard let lower = Cholesky.lower(Array(precisions[c * d * d..<(c + 1) * d * d]), dimension: d) else {
                        throw fail("precisions_init holds a matrix that is not positive definite")
                    }
                    factors += lower
                }
            case .diag, .spherical:
                guard precisions.allSatisfy({ $0 > 0 }) else { throw fail("precisions_init must be positive") }
                factors = precisions.map { $0.squareRoot() }
            }
        }
        return MixtureDensity(type: type, components: k, dimension: d, logWeights: logWeights, means: means, precisionCholesky: factors)
    }
}
