import LatentNN

/// Improved precision and recall (Kynkäänniemi et al., 2019): how much of each feature set lies on
/// the other's manifold, the manifold being the union of balls reaching each sample's k-th nearest
/// neighbour.
public struct PrecisionRecall: Sendable, Equatable {
    /// The fraction of fake samples within the real manifold (quality).
    public let precision: Double
    /// The fraction of real samples within the fake manifold (diversity).
    public let recall: Double
}

/// Density and coverage (Naeem et al., 2020): precision and recall made robust to outliers.
public struct DensityCoverage: Sendable, Equatable {
    /// The mean number of real-sample balls containing each fake sample, divided by k (1 when the
    /// fake samples are spread as the real ones; it can exceed 1).
    public let density: Double
    /// The fraction of real samples whose ball contains at least one fake sample.
    public let coverage: Double
}

/// Improved precision and recall of `fake` features against `real` ones, both `[count, dimension]`,
/// with neighbourhood size `k` (3 in the paper and torch-fidelity). A sample is within a manifold
/// when its distance to some sample is at most that sample's k-th nearest-neighbour distance, as
/// torch-fidelity's `prc`. Distances are Float64, taken in tiles (see `PairwiseDistances`).
///
/// Throws `MetricError` when a set has k or fewer samples, the dimensions differ or a value is not finite.
public func improvedPrecisionRecall(real: Tensor, fake: Tensor, k: Int = 3) throws -> PrecisionRecall {
    let counts = try ManifoldCounts(real: real, fake: fake, k: k, metric: "precision/recall")
    return PrecisionRecall(precision: counts.precision, recall: counts.recall)
}

/// Density and coverage of `fake` features against `real` ones, both `[count, dimension]`, with
/// neighbourhood size `k` (5 in the paper and the `prdc` package), as `prdc.compute_prdc`: a ball
/// holds the samples strictly nearer than its radius.
///
/// Throws `MetricError` when a set has k or fewer samples, the dimensions differ or a value is not finite.
public func densityCoverage(real: Tensor, fake: Tensor, k: Int = 5) throws -> DensityCoverage {
    let counts = try ManifoldCounts(real: real, fake: fake, k: k, metric: "density/coverage")
    return DensityCoverage(density: counts.density, coverage: counts.coverage)
}

/// The neighbourhood counts behind precision, recall, density and coverage, from one pass over the
/// real-to-fake distances after the k-th nearest-neighbour radii of each set.
struct ManifoldCounts {
    let precision: Double, recall: Double, density: Double, coverage: Double

    init(real: Tensor, fake: Tensor, k: Int, metric: String) throws {
        guard k >= 1 else { throw MetricError.invalidInput(metric: metric, problem: "k is \(k), expected at least 1") }
        let reason = "each sample needs \(k) neighbours besides itself"
        try checkFeatures(real, name: "real", metric: metric, minimumCount: k + 1, reason: reason)
        try checkFeatures(fake, name: "fake", metric: metric, minimumCount: k + 1, reason: reason)
        try checkSameDimension(real, fake, metric: metric)
        let dimension = real.shape[1], realCount = real.shape[0], fakeCount = fake.shape[0]
        var fakeInReal = [Bool](repeating: false, count: fakeCount)
        var realInFake = [Bool](repeating: false, count: realCount)
        var ballsHoldingFake = [Int](repeating: 0, count: fakeCount)
        var nearestFake = [Double](repeating: .infinity, count: realCount)
        var realRadii: [Double] = []
        real.withValues { real in
            fake.withValues { fake in
                realRadii = PairwiseDistances.nearestNeighbourRadii(real, dimension: dimension, k: k)
                let fakeRadii = PairwiseDistances.nearestNeighbourRadii(fake, dimension: dimension, k: k)
                PairwiseDistances.forEachTile(real, fake, dimension: dimension) { rows, columns, distances in
                    for i in 0..<rows.count {
                        let realIndex = rows.lowerBound + i, realRadius = realRadii[realIndex]
                        for j in 0..<columns.count {
                            let fakeIndex = columns.lowerBound + j, distance = distances[i * columns.count + j]
                            if distance <= realRadius { fakeInReal[fakeIndex] = true }
                            if distance < realRadius { ballsHoldingFake[fakeIndex] += 1 }
                            if distance <= fakeRadii[fakeIndex] { realInFake[realIndex] = true }
                            nearestFake[realIndex] = min(nearestFake[realIndex], distance)
                        }
                    }
                }
            }
        }
        precision = Double(fakeInReal.count(where: { $0 })) / Double(fakeCount)
        recall = Double(realInFake.count(where: { $0 })) / Double(realCount)
        density = Double(ballsHoldingFake.reduce(0, +)) / Double(k * fakeCount)
        coverage = Double(zip(nearestFake, realRadii).count(where: { $0 < $1 })) / Double(realCount)
    }
}
