/// The minimum-cost matching of rows to columns of a cost matrix (the assignment problem), by the
/// Hungarian algorithm with potentials and shortest augmenting paths, O(n²m) for n ≤ m.
///
/// `cost` is `rows × columns`, any shape: every row is matched when rows ≤ columns, every column
/// otherwise, as `scipy.optimize.linear_sum_assignment`. Returns the matched pairs ordered by row.
/// Throws `MetricError.invalidInput` when rows have different lengths or a cost is not finite.
public func linearSumAssignment(cost: [[Double]]) throws -> [(row: Int, column: Int)] {
    let metric = "linear sum assignment"
    guard let columns = cost.first?.count, columns > 0 else { return [] }
    for (index, row) in cost.enumerated() {
        guard row.count == columns else {
            throw MetricError.invalidInput(metric: metric, problem: "row \(index) has \(row.count) costs, row 0 has \(columns)")
        }
        guard row.allSatisfy(\.isFinite) else {
            throw MetricError.invalidInput(metric: metric, problem: "row \(index) holds a cost that is not finite")
        }
    }
    if cost.count <= columns { return assignRows(cost) }
    let transposed = (0..<columns).map { column in cost.map { $0[column] } }
    return assignRows(transposed).map { (row: $0.column, column: $0.row) }.sorted { $0.row < $1.row }
}

/// Matches every row of a cost matrix with no more rows than columns.
private func assignRows(_ cost: [[Double]]) -> [(row: Int, column: Int)] {
    let n = cost.count, m = cost[0].count
    // Index 0 is a virtual row and column; rows and columns are numbered from 1.
    var rowPotential = [Double](repeating: 0, count: n + 1)
    var columnPotential = [Double](repeating: 0, count: m + 1)
    var rowOfColumn = [Int](repeating: 0, count: m + 1)
    var previousColumn = [Int](repeating: 0, count: m + 1)
    for row in 1...n {
        rowOfColumn[0] = row
        var column = 0
        var slack = [Double](repeating: .infinity, count: m + 1)
        var visited = [Bool](repeating: false, count: m + 1)
        // Grow a tree of tight edges from the new row until it reaches an unmatched column.
        repeat {
            visited[column] = true
            let currentRow = rowOfColumn[column]
            var delta = Double.infinity, nextColumn = 0
            for j in 1...m where !visited[j] {
                let reduced = cost[currentRow - 1][j - 1] - rowPotential[currentRow] - columnPotential[j]
                if reduced < slack[j] {
                    slack[j] = reduced
                    previousColumn[j] = column
                }
                if slack[j] < delta {
                    delta = slack[j]
                    nextColumn = j
                }
            }
            for j in 0...m {
                if visited[j] {
                    rowPotential[rowOfColumn[j]] += delta
                    columnPotential[j] -= delta
                } else {
                    slack[j] -= delta
                }
            }
            column = nextColumn
        } while rowOfColumn[column] != 0
        // Flip the matching along the path back to the virtual column.
        repeat {
            let previous = previousColumn[column]
            rowOfColumn[column] = rowOfColumn[previous]
            column = previous
        } while column != 0
    }
    return (1...m).filter { rowOfColumn[$0] != 0 }
        .map { (row: rowOfColumn[$0] - 1, column: $0 - 1) }
        .sorted { $0.row < $1.row }
}
