import Foundation
import LatentNN

/// The joint probabilities p_ij of t-SNE over each point's nearest neighbours, as a sparse symmetric matrix in
/// compressed rows, computed as scikit-learn's `_joint_probabilities_nn`: each point's Gaussian over its
/// `min(N − 1, ⌊3·perplexity + 1⌋)` nearest neighbours (squared Euclidean distances) with the precision that
/// gives the perplexity (binary search, 100 steps, tolerance 1e-5 in nats), then P + Pᵀ normalised to sum 1.
struct TSNEAffinities {
    /// Where each row's entries start in `columns` and `values`; `count + 1` offsets.
    let rowStarts: [Int]
    /// The column of each entry.
    let columns: [Int]
    /// p_ij of each entry.
    let values: [Double]
    /// The number of points.
    var count: Int { rowStarts.count - 1 }

    /// The affinities of the rows of `samples` for `perplexity`.
    init(_ samples: SampleMatrix, perplexity: Double) {
        let n = samples.count
        let k = min(n - 1, Int(3 * perplexity + 1))
        let (neighbours, squaredDistances) = Self.nearestNeighbours(samples, k: k)
        var conditional = [Double](repeating: 0, count: n * k)
        conditional.withUnsafeMutableBufferPointer { conditional in
            Threads.forEachChunk(of: n, grain: 64) { rows in
                for i in rows {
                    let row = Self.conditionalRow(Array(squaredDistances[(i * k)..<(i * k + k)]), perplexity: perplexity)
                    for j in 0..<k { conditional[i * k + j] = row[j] }
                }
            }
        }
        // P + Pᵀ: every entry (i, j, p) also counts as (j, i, p); entries at the same place are summed.
        var entries: [(row: Int, column: Int, value: Double)] = []
        entries.reserveCapacity(2 * n * k)
        for i in 0..<n {
            for j in 0..<k {
                let neighbour = neighbours[i * k + j], p = conditional[i * k + j]
                entries.append((i, neighbour, p))
                entries.append((neighbour, i, p))
            }
        }
        entries.sort { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
        var rowStarts = [0], columns: [Int] = [], values: [Double] = []
        var next = 0
        for row in 0..<n {
            while next < entries.count, entries[next].row == row {
                let column = entries[next].column
                var value = 0.0
                while next < entries.count, entries[next].row == row, entries[next].column == column {
                    value += entries[next].value
                    next += 1
                }
                columns.append(column)
                values.append(value)
            }
            rowStarts.append(columns.count)
        }
        let total = max(values.reduce(0, +), Double.ulpOfOne)
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values.map { $0 / total }
    }

    /// The conditional probabilities p_j|i of one point over its neighbours at `squaredDistances`, with the
    /// Gaussian's precision found by binary search so that the entropy is log(perplexity).
    static func conditionalRow(_ squaredDistances: [Double], perplexity: Double) -> [Double] {
        let desiredEntropy = log(perplexity)
        var beta = 1.0, low = -Double.infinity, high = Double.infinity
        var p = [Double](repeating: 0, count: squaredDistances.count)
        for _ in 0..<100 {
            var sum = 0.0
            for j in p.indices {
                p[j] = exp(-squaredDistances[j] * beta)
                sum += p[j]
            }
            if sum == 0 { sum = 1e-8 }
            var weighted = 0.0
            for j in p.indices {
                p[j] /= sum
                weighted += squaredDistances[j] * p[j]
            }
            let difference = log(sum) + beta * weighted - desiredEntropy
            if abs(difference) <= 1e-5 { break }
            if difference > 0 {
                low = beta
                beta = high == .infinity ? beta * 2 : (beta + high) / 2
            } else {
                high = beta
                beta = low == -.infinity ? beta / 2 : (beta + low) / 2
            }
        }
        return p
    }

    /// The `k` nearest other rows of each row, nearest first, and their squared distances, both `n × k`.
    static func nearestNeighbours(_ samples: SampleMatrix, k: Int) -> (indices: [Int], squaredDistances: [Double]) {
        let n = samples.count, d = samples.dimension
        var indices = [Int](repeating: 0, count: n * k), distances = [Double](repeating: .infinity, count: n * k)
        let norms = (0..<n).map { row in (0..<d).reduce(0.0) { $0 + samples.values[row * d + $1] * samples.values[row * d + $1] } }
        let tile = 1024
        var products = [Double](repeating: 0, count: min(tile, n) * n)
        samples.values.withUnsafeBufferPointer { values in
            products.withUnsafeMutableBufferPointer { products in
                indices.withUnsafeMutableBufferPointer { indices in
                    distances.withUnsafeMutableBufferPointer { distances in
                        for start in stride(from: 0, to: n, by: tile) {
                            let rows = start..<min(n, start + tile)
                            LinearAlgebra64.gemm(transposeB: true, m: rows.count, n: n, k: d, alpha: 1,
                                                 a: values.baseAddress! + start * d, b: values.baseAddress!, c: products.baseAddress!)
                            Threads.forEachChunk(of: rows.count, grain: 16) { chunk in
                                for local in chunk {
                                    let i = start + local
                                    var best: [(distance: Double, index: Int)] = []
                                    best.reserveCapacity(k + 1)
                                    for j in 0..<n where j != i {
                                        let squared = max(norms[i] + norms[j] - 2 * products[local * n + j], 0)
                                        guard best.count < k || squared < best[k - 1].distance else { continue }
                                        best.insert((squared, j), at: best.firstIndex { squared < $0.distance } ?? best.count)
                                        if best.count > k { best.removeLast() }
                                    }
                                    for (slot, neighbour) in best.enumerated() {
                                        indices[i * k + slot] = neighbour.index
                                        distances[i * k + slot] = neighbour.distance
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (indices, distances)
    }
}
