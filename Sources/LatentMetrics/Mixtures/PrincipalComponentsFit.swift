import Foundation
import LatentNN

/// Fits a PCA with `components` axes to the rows of `features` (`[N, D]`) in Float64, as
/// scikit-learn's `PCA`: `.full` takes the top eigenvectors of the sample covariance;
/// `.randomized` a randomized SVD of the centred data with `oversamples` extra directions and
/// `powerIterations` normalised power iterations (default as scikit-learn: 7 when `components` is
/// under a tenth of min(N, D), else 4), its Gaussian test matrix seeded by `seed`.
///
/// Throws `MetricError` for fewer than two samples, more components than min(N, D), a value that
/// is not finite, or a failed eigendecomposition.
public func fitPCA(
    _ features: Tensor, components: Int, whiten: Bool = false, solver: PCASolver = .full,
    oversamples: Int = 10, powerIterations: Int? = nil, seed: UInt64 = 0
) throws -> PrincipalComponents {
    let metric = PrincipalComponents.metric
    let samples = try SampleMatrix(features, metric: metric, minimumCount: 2, reason: "a variance needs two samples")
    let n = samples.count, d = samples.dimension
    guard components >= 1, components <= min(n, d) else {
        throw MetricError.invalidInput(metric: metric, problem: "n_components \(components) must be between 1 and min(samples, features) = \(min(n, d))")
    }
    guard oversamples >= 0, (powerIterations ?? 0) >= 0 else {
        throw MetricError.invalidInput(metric: metric, problem: "oversamples \(oversamples) and power iterations \(powerIterations ?? 0) must be non-negative")
    }
    let mean = samples.columnMeans
    let centred = samples.centred(by: mean)
    let totalVariance = centred.reduce(0.0) { $0 + $1 * $1 } / Double(n - 1)
    let (variances, axes): ([Double], [Double])
    do {
        switch solver {
        case .full:
            (variances, axes) = try covarianceAxes(centred, count: n, dimension: d, components: components)
        case .randomized:
            let iterations = powerIterations ?? (Double(components) < 0.1 * Double(min(n, d)) ? 7 : 4)
            var generator = RandomGenerator(seed: seed)
            (variances, axes) = try randomizedAxes(centred, count: n, dimension: d, components: components,
                                                   width: min(components + oversamples, min(n, d)),
                                                   iterations: iterations, generator: &generator)
        }
    } catch let failure as LinearAlgebra64.Failure {
        throw MetricError.invalidInput(metric: metric, problem: failure.problem)
    }
    let remaining = min(n, d) - components
    let noise = remaining > 0 ? max(0, totalVariance - variances.reduce(0, +)) / Double(remaining) : 0
    return try PrincipalComponents(
        mean: mean, components: signNormalized(axes, dimension: d), explainedVariance: variances,
        explainedVarianceRatio: variances.map { totalVariance > 0 ? $0 / totalVariance : 0 },
        singularValues: variances.map { ($0 * Double(n - 1)).squareRoot() }, noiseVariance: noise, whiten: whiten)
}

/// The top `components` eigenvalues (clamped at 0, descending) and eigenvectors of the covariance.
private func covarianceAxes(_ centred: [Double], count n: Int, dimension d: Int, components: Int) throws -> ([Double], [Double]) {
    var covariance = LinearAlgebra64.multiply(centred, centred, m: d, n: d, k: n, transposeA: true)
    for index in covariance.indices { covariance[index] /= Double(n - 1) }
    let eigen = try LinearAlgebra64.symmetricEigen(covariance, dimension: d)
    let order = (0..<d).reversed().prefix(components)
    return (order.map { max(0, eigen.values[$0]) }, order.flatMap { eigen.vectors[$0 * d..<($0 + 1) * d] })
}

/// The top `components` variances and axes by a randomized SVD of the centred data (`width`
/// random directions refined by `iterations` power iterations).
private func randomizedAxes(
    _ centred: [Double], count n: Int, dimension d: Int, components: Int, width: Int, iterations: Int,
    generator: inout RandomGenerator
) throws -> ([Double], [Double]) {
    let test = (0..<d * width).map { _ in standardNormal(&generator) }
    // Rows of `basis` are the orthonormal columns of Q (n values each).
    var basis = orthonormalizedRows(
        LinearAlgebra64.multiply(test, centred, m: width, n: n, k: d, transposeA: true, transposeB: true), columns: n)
    for _ in 0..<iterations {
        let back = orthonormalizedRows(LinearAlgebra64.multiply(basis, centred, m: width, n: d, k: n), columns: d)
        basis = orthonormalizedRows(LinearAlgebra64.multiply(back, centred, m: width, n: n, k: d, transposeB: true), columns: n)
    }
    let projected = LinearAlgebra64.multiply(basis, centred, m: width, n: d, k: n)
    let gram = LinearAlgebra64.multiply(projected, projected, m: width, n: width, k: d, transposeB: true)
    let eigen = try LinearAlgebra64.symmetricEigen(gram, dimension: width)
    var variances: [Double] = [], axes: [Double] = []
    for index in (0..<width).reversed().prefix(components) {
        let squared = max(0, eigen.values[index])
        let left = Array(eigen.vectors[index * width..<(index + 1) * width])
        var axis = LinearAlgebra64.multiply(left, projected, m: 1, n: d, k: width)
        let norm = axis.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { axis = axis.map { $0 / norm } }
        variances.append(squared / Double(n - 1))
        axes += axis
    }
    return (variances, axes)
}

/// The rows of a row-major matrix made orthonormal by modified Gram–Schmidt, run twice for
/// accuracy; a row dependent on the ones before it becomes zero.
private func orthonormalizedRows(_ matrix: [Double], columns: Int) -> [Double] {
    var result = matrix
    let rows = matrix.count / columns
    result.withUnsafeMutableBufferPointer { values in
        for _ in 0..<2 {
            for row in 0..<rows {
                let current = row * columns
                var original = 0.0
                for j in 0..<columns { original += values[current + j] * values[current + j] }
                for earlier in 0..<row {
                    let other = earlier * columns
                    var dot = 0.0
                    for j in 0..<columns { dot += values[current + j] * values[other + j] }
                    for j in 0..<columns { values[current + j] -= dot * values[other + j] }
                }
                var norm = 0.0
                for j in 0..<columns { norm += values[current + j] * values[current + j] }
                norm = norm.squareRoot()
                let scale = norm > 1e-10 * original.squareRoot() ? 1 / norm : 0
                for j in 0..<columns { values[current + j] *= scale }
            }
        }
    }
    return result
}

/// Each row of `axes` flipped so that its entry of largest magnitude is positive.
private func signNormalized(_ axes: [Double], dimension: Int) -> [Double] {
    var result = axes
    for start in stride(from: 0, to: axes.count, by: dimension) {
        let row = axes[start..<start + dimension]
        if let largest = row.indices.max(by: { abs(row[$0]) < abs(row[$1]) }), row[largest] < 0 {
            for index in start..<start + dimension { result[index] = -result[index] }
        }
    }
    return result
}
