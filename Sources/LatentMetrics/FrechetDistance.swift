import LatentNN

/// The offset added to both covariance diagonals when the eigendecomposition fails or gives a
/// non-finite value, as pytorch-fid's `eps`.
public let frechetFallbackOffset = 1e-6

/// Eigenvalues down to −`frechetEigenvalueTolerance` × (the largest eigenvalue magnitude) are
/// rounding and count as zero; lower ones mean the covariances are not positive semi-definite.
public let frechetEigenvalueTolerance = 1e-8

/// The Fréchet distance between the Gaussians with the given statistics (FID when they summarise
/// Inception features): ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂), as pytorch-fid's
/// `calculate_frechet_distance`.
///
/// The square root's trace is taken stably from symmetric eigendecompositions, so singular
/// covariances are fine: with √Σ₁ = V √Λ Vᵀ, tr √(Σ₁Σ₂) is the sum of the square roots of the
/// eigenvalues of the symmetric matrix √Σ₁ Σ₂ √Σ₁. Only when a decomposition fails or gives a
/// non-finite value is `frechetFallbackOffset` added to both diagonals and the trace taken again.
/// Rounding can leave an exact zero slightly negative; the result is clamped at zero.
///
/// Sample rule: each side needs `count ≥ 2` (a covariance needs two samples). Fewer samples than
/// dimensions are accepted: the covariance is then singular, which the eigendecomposition handles,
/// but the distance is biased upwards; compare distances taken with the same sample counts.
///
/// Throws `MetricError` for different dimensions, too few samples, non-finite statistics, or an
/// eigenvalue below the rounding tolerance (see `frechetEigenvalueTolerance`), reporting its value.
public func frechetDistance(_ a: FeatureStatistics, _ b: FeatureStatistics) throws -> Double {
    let metric = "FID"
    guard a.dimension == b.dimension else {
        throw MetricError.dimensionMismatch(metric: metric, first: a.dimension, second: b.dimension)
    }
    for count in [a.count, b.count] where count < 2 {
        throw MetricError.tooFewSamples(metric: metric, count: count, required: 2, reason: "a covariance needs two samples")
    }
    guard [a.mean, a.covariance, b.mean, b.covariance].allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
        throw MetricError.invalidInput(metric: metric, problem: "the statistics hold a value that is not finite")
    }
    let n = a.dimension
    var trace: Double
    do {
        trace = try traceOfSquareRootProduct(a.covariance, b.covariance, dimension: n, offset: 0)
    } catch is LinearAlgebra64.Failure {
        trace = .nan
    }
    if !trace.isFinite {
        trace = try traceOfSquareRootProduct(a.covariance, b.covariance, dimension: n, offset: frechetFallbackOffset)
    }
    var distance = 0.0
    for i in 0..<n {
        let difference = a.mean[i] - b.mean[i]
        distance += difference * difference + a.covariance[i * n + i] + b.covariance[i * n + i]
    }
    return max(0, distance - 2 * trace)
}

/// tr √((Σ₁ + εI)(Σ₂ + εI)) for symmetric positive semi-definite row-major `dimension²` matrices,
/// ε = `offset`, from the eigenvalues of √Σ₁ Σ₂ √Σ₁.
func traceOfSquareRootProduct(_ sigma1: [Double], _ sigma2: [Double], dimension n: Int, offset: Double) throws -> Double {
    var first = sigma1, second = sigma2
    for i in 0..<n {
        first[i * n + i] += offset
        second[i * n + i] += offset
    }
    let eigen = try LinearAlgebra64.symmetricEigen(first, dimension: n)
    let roots = try nonNegativeSquareRoots(eigen.values)
    // √Σ₁ = Eᵀ diag(√λ) E, the rows of E being the eigenvectors.
    var scaled = eigen.vectors
    for row in 0..<n {
        for column in 0..<n { scaled[row * n + column] *= roots[row] }
    }
    let root = LinearAlgebra64.multiply(eigen.vectors, scaled, m: n, n: n, k: n, transposeA: true)
    let product = LinearAlgebra64.multiply(
        LinearAlgebra64.multiply(root, second, m: n, n: n, k: n), root, m: n, n: n, k: n)
    let values = try LinearAlgebra64.symmetricEigen(product, dimension: n, vectors: false).values
    return try nonNegativeSquareRoots(values).reduce(0, +)
}

/// The square roots of eigenvalues that should be non-negative, rounding negatives clamped to zero;
/// throws for one below the tolerance.
private func nonNegativeSquareRoots(_ values: [Double]) throws -> [Double] {
    let tolerance = frechetEigenvalueTolerance * (values.map(abs).max() ?? 0)
    if let lowest = values.min(), lowest < -tolerance {
        throw MetricError.negativeEigenvalue(metric: "FID", value: lowest, tolerance: tolerance)
    }
    return values.map { $0 < 0 ? 0 : $0.squareRoot() }
}
