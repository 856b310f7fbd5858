import LatentNN

/// The kernel inception distance (Bińkowski et al., 2018) between two `[count, dimension]` feature
/// sets, as torch-fidelity's `kid`: the unbiased estimate of the squared maximum mean discrepancy
/// with the cubic polynomial kernel k(x, y) = (xᵀy / dimension + 1)³, averaged over `subsets`
/// random subsets of `subsetSize` samples of each set, drawn without replacement from a
/// generator seeded with `seed`. Values slightly below zero are possible for close distributions.
///
/// Throws `MetricError` when `subsetSize` exceeds either sample count or is below 2, the dimensions
/// differ or a value is not finite.
public func kernelInceptionDistance(
    real: Tensor, fake: Tensor, subsets: Int = 100, subsetSize: Int = 1000, seed: UInt64 = 2020
) throws -> MeanAndDeviation {
    let metric = "KID"
    guard subsets >= 1 else { throw MetricError.invalidInput(metric: metric, problem: "subsets is \(subsets), expected at least 1") }
    guard subsetSize >= 2 else {
        throw MetricError.invalidInput(metric: metric, problem: "subset size is \(subsetSize), expected at least 2")
    }
    let reason = "the subset size is \(subsetSize); pass a smaller subset size or more samples"
    try checkFeatures(real, name: "real", metric: metric, minimumCount: subsetSize, reason: reason)
    try checkFeatures(fake, name: "fake", metric: metric, minimumCount: subsetSize, reason: reason)
    try checkSameDimension(real, fake, metric: metric)
    var generator = RandomGenerator(seed: seed)
    let draws = (0..<subsets).map { _ in
        (real: sample(subsetSize, from: real.shape[0], using: &generator),
         fake: sample(subsetSize, from: fake.shape[0], using: &generator))
    }
    return kernelInceptionDistance(real: real, fake: fake, subsets: draws)
}

/// KID over the given subsets: for each pair of row lists, the unbiased MMD² of those rows.
func kernelInceptionDistance(real: Tensor, fake: Tensor, subsets: [(real: [Int], fake: [Int])]) -> MeanAndDeviation {
    let dimension = real.shape[1]
    let estimates = real.withValues { real in
        fake.withValues { fake in
            subsets.map { subset in
                unbiasedMMD2(doubleRows(real, dimension: dimension, rows: subset.real),
                             doubleRows(fake, dimension: dimension, rows: subset.fake), dimension: dimension)
            }
        }
    }
    return MeanAndDeviation(estimates)
}

/// `count` distinct integers from `0..<population` (a partial Fisher–Yates shuffle).
private func sample(_ count: Int, from population: Int, using generator: inout RandomGenerator) -> [Int] {
    var indices = Array(0..<population)
    for i in 0..<count {
        indices.swapAt(i, i + generator.nextInt(below: population - i))
    }
    return Array(indices[0..<count])
}

/// The unbiased MMD² between equal-sized sets of rows `x` and `y` (row-major, `dimension` columns)
/// under the cubic polynomial kernel: the kernel means within each set without the diagonal, less
/// twice the mean across the sets.
private func unbiasedMMD2(_ x: [Double], _ y: [Double], dimension: Int) -> Double {
    let m = x.count / dimension
    func kernelSum(_ a: [Double], _ b: [Double], withoutDiagonal: Bool) -> Double {
        let products = LinearAlgebra64.multiply(a, b, m: m, n: m, k: dimension, transposeB: true)
        var sum = 0.0
        for i in 0..<m {
            for j in 0..<m where !(withoutDiagonal && i == j) {
                let base = products[i * m + j] / Double(dimension) + 1
                sum += base * base * base
            }
        }
        return sum
    }
    let within = kernelSum(x, x, withoutDiagonal: true) + kernelSum(y, y, withoutDiagonal: true)
    let across = kernelSum(x, y, withoutDiagonal: false)
    return within / Double(m * (m - 1)) - 2 * across / Double(m * m)
}
