import LatentNN

/// Euclidean distances between the rows of two Float32 matrices, computed in Float64 a tile at a
/// time (‖x‖² + ‖y‖² − 2 x·y, the cross terms as one matrix product per tile), so that memory stays
/// near three tiles of `defaultTileRows` rows whatever the sample counts.
enum PairwiseDistances {
    /// Rows of each side per tile: 2048 rows of 2048 Float64 features take 32 MiB.
    static let defaultTileRows = 2048

    /// Calls `body(rows, columns, distances)` for each tile of up to `tileRows` rows of each side:
    /// `distances` is row-major `rows.count × columns.count`, entry (i, j) the distance between row
    /// `rows.lowerBound + i` of `a` and row `columns.lowerBound + j` of `b`. Both matrices have
    /// `dimension` columns. With `upperOnly` (for `a` = `b`), tiles below the diagonal, the mirror
    /// images of those above, are skipped.
    static func forEachTile(
        _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, dimension: Int,
        tileRows: Int = PairwiseDistances.defaultTileRows, upperOnly: Bool = false,
        _ body: (Range<Int>, Range<Int>, UnsafeBufferPointer<Double>) -> Void
    ) {
        let aCount = a.count / dimension, bCount = b.count / dimension
        let bNorms = squaredNorms(b, dimension: dimension, rows: 0..<bCount)
        var tile = [Double](repeating: 0, count: min(tileRows, aCount) * min(tileRows, bCount))
        for rowStart in stride(from: 0, to: aCount, by: tileRows) {
            let rows = rowStart..<min(aCount, rowStart + tileRows)
            let aTile = doubleRows(a, dimension: dimension, rows: rows)
            let aNorms = squaredNorms(a, dimension: dimension, rows: rows)
            for columnStart in stride(from: upperOnly ? rowStart : 0, to: bCount, by: tileRows) {
                let columns = columnStart..<min(bCount, columnStart + tileRows)
                let bTile = doubleRows(b, dimension: dimension, rows: columns)
                tile.withUnsafeMutableBufferPointer { tile in
                    aTile.withUnsafeBufferPointer { aTile in
                        bTile.withUnsafeBufferPointer { bTile in
                            LinearAlgebra64.gemm(transposeB: true, m: rows.count, n: columns.count, k: dimension,
                                                 alpha: -2, a: aTile.baseAddress!, b: bTile.baseAddress!,
                                                 c: tile.baseAddress!)
                        }
                    }
                    for i in 0..<rows.count {
                        for j in 0..<columns.count {
                            let squared = tile[i * columns.count + j] + aNorms[i] + bNorms[columns.lowerBound + j]
                            tile[i * columns.count + j] = squared > 0 ? squared.squareRoot() : 0
                        }
                    }
                    body(rows, columns, UnsafeBufferPointer(rebasing: tile[0..<rows.count * columns.count]))
                }
            }
        }
    }

    /// The distance from each row of `features` to its `k`-th nearest other row: the (k+1)-th
    /// smallest distance in its row of the self-distance matrix, the row itself being the nearest.
    static func nearestNeighbourRadii(
        _ features: UnsafeBufferPointer<Float>, dimension: Int, k: Int, tileRows: Int = PairwiseDistances.defaultTileRows
    ) -> [Double] {
        let count = features.count / dimension
        // Each row keeps its k+1 smallest distances in ascending order.
        var smallest = [Double](repeating: .infinity, count: count * (k + 1))
        func offer(_ value: Double, toRow row: Int) {
            let base = row * (k + 1)
            guard value < smallest[base + k] else { return }
            var slot = k
            while slot > 0, smallest[base + slot - 1] > value {
                smallest[base + slot] = smallest[base + slot - 1]
                slot -= 1
            }
            smallest[base + slot] = value
        }
        // The distances are symmetric: a tile above the diagonal also serves its mirror image.
        forEachTile(features, features, dimension: dimension, tileRows: tileRows, upperOnly: true) { rows, columns, distances in
            let mirrored = rows != columns
            for i in 0..<rows.count {
                for j in 0..<columns.count {
                    let value = distances[i * columns.count + j]
                    offer(value, toRow: rows.lowerBound + i)
                    if mirrored { offer(value, toRow: columns.lowerBound + j) }
                }
            }
        }
        return (0..<count).map { smallest[$0 * (k + 1) + k] }
    }

    private static func squaredNorms(_ values: UnsafeBufferPointer<Float>, dimension: Int, rows: Range<Int>) -> [Double] {
        rows.map { row in
            (0..<dimension).reduce(0.0) { sum, column in
                let value = Double(values[row * dimension + column])
                return sum + value * value
            }
        }
    }
}
