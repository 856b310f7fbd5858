import Foundation
import LatentNN

/// What the E-step of a Gaussian mixture needs: log weights, means and the Cholesky factors of the
/// precisions (C with C·Cᵀ the precision; for diag and spherical, the inverse standard deviations).
struct MixtureDensity {
    let type: CovarianceType
    let components: Int, dimension: Int
    let logWeights: [Double]
    let means: [Double]
    let precisionCholesky: [Double]

    /// The factors of the precisions of `covariances`, or nil when one is not positive definite.
    static func precisionCholesky(of covariances: [Double], type: CovarianceType, components: Int, dimension: Int) -> [Double]? {
        switch type {
        case .full:
            let size = dimension * dimension
            var result: [Double] = []
            for component in 0..<components {
                let block = Array(covariances[component * size..<(component + 1) * size])
                guard let lower = Cholesky.lower(block, dimension: dimension) else { return nil }
                result += Cholesky.transpose(Cholesky.invertLower(lower, dimension: dimension), dimension: dimension)
            }
            return result
        case .diag, .spherical:
            guard covariances.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
            return covariances.map { 1 / $0.squareRoot() }
        }
    }

    /// log(weight_k) + log N(x_n | μ_k, Σ_k) for every sample n and component k, row-major `[N, K]`.
    func weightedLogProbabilities(_ samples: SampleMatrix) -> [Double] {
        let n = samples.count, d = dimension
        var result = [Double](repeating: 0, count: n * components)
        let constant = Double(d) * log(2 * Double.pi)
        for k in 0..<components {
            let mean = means[k * d..<(k + 1) * d]
            var squared = [Double](repeating: 0, count: n)
            var logDeterminant = 0.0
            switch type {
            case .full:
                let factor = Array(precisionCholesky[k * d * d..<(k + 1) * d * d])
                let projected = LinearAlgebra64.multiply(samples.values, factor, m: n, n: d, k: d)
                let projectedMean = LinearAlgebra64.multiply(Array(mean), factor, m: 1, n: d, k: d)
                for row in 0..<n {
                    var sum = 0.0
                    for column in 0..<d {
                        let y = projected[row * d + column] - projectedMean[column]
                        sum += y * y
                    }
                    squared[row] = sum
                }
                for i in 0..<d { logDeterminant += log(factor[i * d + i]) }
            case .diag, .spherical:
                let scales = type == .diag
                    ? Array(precisionCholesky[k * d..<(k + 1) * d]) : [Double](repeating: precisionCholesky[k], count: d)
                for row in 0..<n {
                    var sum = 0.0
                    for column in 0..<d {
                        let y = (samples.values[row * d + column] - mean[mean.startIndex + column]) * scales[column]
                        sum += y * y
                    }
                    squared[row] = sum
                }
                logDeterminant = scales.reduce(0.0) { $0 + log($1) }
            }
            for row in 0..<n {
                result[row * components + k] = logWeights[k] - 0.5 * (constant + squared[row]) + logDeterminant
            }
        }
        return result
    }

    /// Each sample's log-likelihood and its log responsibilities (`[N, K]`).
    func expectation(_ samples: SampleMatrix) -> (logLikelihoods: [Double], logResponsibilities: [Double]) {
        var weighted = weightedLogProbabilities(samples)
        var likelihoods = [Double](repeating: 0, count: samples.count)
        for row in 0..<samples.count {
            let range = row * components..<(row + 1) * components
            likelihoods[row] = logSumExp(weighted[range])
            for index in range { weighted[index] -= likelihoods[row] }
        }
        return (likelihoods, weighted)
    }
}
