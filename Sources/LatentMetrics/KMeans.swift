import Foundation
import LatentNN

/// A k-means clustering: each sample's cluster, the cluster centres and the fit.
public struct KMeansResult: Sendable, Equatable {
    /// The cluster of each sample, `0..<clusters`.
    public let labels: [Int]
    /// The cluster centres, row-major `clusters × dimension`.
    public let centroids: [Double]
    /// The sum of squared distances from each sample to its centre.
    public let inertia: Double
    /// The Lloyd iterations the best restart ran.
    public let iterations: Int
}

/// k-means clustering of the rows of `features` (`[count, dimension]`) into `clusters` clusters,
/// in Float64, as scikit-learn's `KMeans`: each of `restarts` runs starts from greedy k-means++
/// centres (2 + ⌊ln k⌋ candidates per centre, the one lowering the total squared distance most
/// kept), then runs Lloyd iterations until the centres move by a total squared distance of at most
/// `tolerance` × (the mean feature variance), or `maxIterations`; the run with the lowest inertia
/// wins. An emptied cluster takes the sample farthest from its centre. Seeded by `seed`.
///
/// Throws `MetricError.invalidInput` for fewer samples than clusters, non-positive counts, or a
/// value that is not finite.
public func kMeans(
    _ features: Tensor, clusters: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
    seed: UInt64 = 0
) throws -> KMeansResult {
    let metric = "k-means"
    guard clusters >= 1, restarts >= 1, maxIterations >= 1, tolerance >= 0 else {
        throw MetricError.invalidInput(
            metric: metric,
            problem: "clusters \(clusters), restarts \(restarts) and max iterations \(maxIterations) must be at least 1, tolerance \(tolerance) non-negative")
    }
    try checkFeatures(features, name: "input", metric: metric, minimumCount: clusters, reason: "each cluster needs a sample")
    let points = KMeansPoints(features)
    var generator = RandomGenerator(seed: seed)
    let threshold = tolerance * points.meanVariance
    var best: KMeansResult?
    for _ in 0..<restarts {
        let result = points.lloyd(from: points.initialCentroids(clusters, using: &generator),
                                  maxIterations: maxIterations, threshold: threshold)
        if best == nil || result.inertia < best!.inertia { best = result }
    }
    return best!
}

/// The samples of a k-means problem in Float64, row-major.
private struct KMeansPoints {
    let values: [Double]
    let count: Int, dimension: Int

    init(_ features: Tensor) {
        count = features.shape[0]
        dimension = features.shape[1]
        values = features.withValues { $0.map(Double.init) }
    }

    /// The mean over features of each feature's (population) variance.
    var meanVariance: Double {
        var total = 0.0
        for column in 0..<dimension {
            let mean = (0..<count).reduce(0.0) { $0 + values[$1 * dimension + column] } / Double(count)
            total += (0..<count).reduce(0.0) { $0 + pow(values[$1 * dimension + column] - mean, 2) } / Double(count)
        }
        return total / Double(dimension)
    }

    func squaredDistance(_ point: Int, _ centroids: [Double], _ centroid: Int) -> Double {
        var sum = 0.0
        for column in 0..<dimension {
            let difference = values[point * dimension + column] - centroids[centroid * dimension + column]
            sum += difference * difference
        }
        return sum
    }

    func row(_ point: Int) -> ArraySlice<Double> { values[point * dimension..<(point + 1) * dimension] }

    /// Greedy k-means++ centres.
    func initialCentroids(_ clusters: Int, using generator: inout RandomGenerator) -> [Double] {
        var centroids = Array(row(generator.nextInt(below: count)))
        var nearest = (0..<count).map { squaredDistance($0, centroids, 0) }
        let candidates = 2 + Int(log(Double(clusters)))
        while centroids.count < clusters * dimension {
            let cumulative = nearest.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
            var bestPotential = Double.infinity, bestNearest = nearest, bestPoint = 0
            for _ in 0..<candidates {
                let target = uniform(&generator) * cumulative[count - 1]
                let point = min(count - 1, cumulative.partitioningIndex { $0 > target })
                let candidate = Array(row(point))
                let updated = (0..<count).map { min(nearest[$0], squaredDistance($0, candidate, 0)) }
                let potential = updated.reduce(0, +)
                if potential < bestPotential {
                    (bestPotential, bestNearest, bestPoint) = (potential, updated, point)
                }
            }
            centroids += row(bestPoint)
            nearest = bestNearest
        }
        return centroids
    }

    /// Each sample's nearest centre and the squared distance to it.
    func assign(_ centroids: [Double]) -> (labels: [Int], distances: [Double]) {
        let clusters = centroids.count / dimension
        var labels = [Int](repeating: 0, count: count), distances = [Double](repeating: .infinity, count: count)
        for point in 0..<count {
            for centroid in 0..<clusters {
                let distance = squaredDistance(point, centroids, centroid)
                if distance < distances[point] { (labels[point], distances[point]) = (centroid, distance) }
            }
        }
        return (labels, distances)
    }

    /// Lloyd iterations from `centroids`, then the final assignment.
    func lloyd(from start: [Double], maxIterations: Int, threshold: Double) -> KMeansResult {
        let clusters = start.count / dimension
        var centroids = start
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let (labels, distances) = assign(centroids)
            var sums = [Double](repeating: 0, count: clusters * dimension), sizes = [Int](repeating: 0, count: clusters)
            for point in 0..<count {
                sizes[labels[point]] += 1
                for column in 0..<dimension { sums[labels[point] * dimension + column] += values[point * dimension + column] }
            }
            var farthest: IndexingIterator<[Int]>?
            var updated = sums
            for centroid in 0..<clusters {
                let range = centroid * dimension..<(centroid + 1) * dimension
                if sizes[centroid] == 0 {
                    if farthest == nil { farthest = distances.indices.sorted { distances[$0] > distances[$1] }.makeIterator() }
                    updated.replaceSubrange(range, with: row(farthest!.next()!))
                } else {
                    for index in range { updated[index] /= Double(sizes[centroid]) }
                }
            }
            let shift = zip(updated, centroids).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            centroids = updated
            if shift <= threshold { break }
        }
        let (labels, distances) = assign(centroids)
        return KMeansResult(labels: labels, centroids: centroids, inertia: distances.reduce(0, +), iterations: iterations)
    }

    private func uniform(_ generator: inout RandomGenerator) -> Double {
        Double(generator.nextUInt64() >> 11) * 0x1p-53
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `predicate`, for an array where it holds from some
    /// index on (binary search); `count` when it never holds.
    fileprivate func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
