import Foundation

/// The fraction of samples whose predicted cluster maps to their true class under the one-to-one
/// mapping of clusters to classes that maximises it (found by `linearSumAssignment`); the usual
/// unsupervised clustering accuracy. Labels are any integers; the two lists pair up by position.
/// Throws `MetricError.invalidInput` when the lists are empty or of different lengths.
public func clusteringAccuracy(predicted: [Int], truth: [Int]) throws -> Double {
    let table = try Contingency(truth, predicted, metric: "clustering accuracy")
    let cost = table.counts.map { row in row.map { -Double($0) } }
    let matched = try linearSumAssignment(cost: cost).reduce(0) { $0 + table.counts[$1.row][$1.column] }
    return Double(matched) / Double(table.total)
}

/// The normalised mutual information between two labelings: their mutual information divided by
/// the arithmetic mean of their entropies (scikit-learn's default). 1 when both put every sample in
/// one cluster; 0 when the mutual information is 0. Throws `MetricError.invalidInput` when the lists
/// are empty or of different lengths.
public func normalizedMutualInformation(_ truth: [Int], _ predicted: [Int]) throws -> Double {
    let table = try Contingency(truth, predicted, metric: "NMI")
    if table.rowSums.count == 1 && table.columnSums.count == 1 { return 1 }
    let n = Double(table.total)
    var information = 0.0
    for (i, row) in table.counts.enumerated() {
        for (j, count) in row.enumerated() where count > 0 {
            let joint = Double(count)
            information += joint / n * log(n * joint / (Double(table.rowSums[i]) * Double(table.columnSums[j])))
        }
    }
    information = max(0, information)
    if information == 0 { return 0 }
    func entropy(_ sums: [Int]) -> Double {
        sums.reduce(0) { $0 - Double($1) / n * log(Double($1) / n) }
    }
    return information / ((entropy(table.rowSums) + entropy(table.columnSums)) / 2)
}

/// The adjusted Rand index between two labelings: the Rand index (agreement on whether each pair of
/// samples is together) corrected for chance, 1 for identical partitions and about 0 for random
/// ones, as scikit-learn's `adjusted_rand_score`. Throws `MetricError.invalidInput` when the lists
/// are empty or of different lengths.
public func adjustedRandIndex(_ truth: [Int], _ predicted: [Int]) throws -> Double {
    let table = try Contingency(truth, predicted, metric: "ARI")
    // Ordered pairs of distinct samples: together in both, or in one labeling only, or in neither.
    let n = Double(table.total)
    let squares = Double(table.counts.joined().reduce(0) { $0 + $1 * $1 })
    var togetherInPredicted = 0.0, togetherInTruth = 0.0
    for (i, row) in table.counts.enumerated() {
        for (j, count) in row.enumerated() {
            togetherInPredicted += Double(count * table.columnSums[j])
            togetherInTruth += Double(count * table.rowSums[i])
        }
    }
    let bothTogether = squares - n
    let onlyPredicted = togetherInPredicted - squares
    let onlyTruth = togetherInTruth - squares
    let neither = n * n - onlyPredicted - onlyTruth - squares
    if onlyPredicted == 0 && onlyTruth == 0 { return 1 }
    return 2 * (bothTogether * neither - onlyTruth * onlyPredicted)
        / ((bothTogether + onlyTruth) * (onlyTruth + neither) + (bothTogether + onlyPredicted) * (onlyPredicted + neither))
}

/// The counts of samples for each pair (class of the first labeling, class of the second).
private struct Contingency {
    /// `counts[i][j]`: samples with the i-th distinct label of the first labeling and the j-th of the second.
    let counts: [[Int]]
    let rowSums: [Int], columnSums: [Int]
    let total: Int

    init(_ first: [Int], _ second: [Int], metric: String) throws {
        guard first.count == second.count else {
            throw MetricError.invalidInput(metric: metric, problem: "the labelings have \(first.count) and \(second.count) labels")
        }
        guard !first.isEmpty else { throw MetricError.invalidInput(metric: metric, problem: "the labelings are empty") }
        func denseIndices(_ labels: [Int]) -> (indices: [Int], classes: Int) {
            let order = Dictionary(uniqueKeysWithValues: Set(labels).sorted().enumerated().map { ($1, $0) })
            return (labels.map { order[$0]! }, order.count)
        }
        let (rows, rowClasses) = denseIndices(first), (columns, columnClasses) = denseIndices(second)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: columnClasses), count: rowClasses)
        for (row, column) in zip(rows, columns) { counts[row][column] += 1 }
        self.counts = counts
        self.rowSums = counts.map { $0.reduce(0, +) }
        self.columnSums = (0..<columnClasses).map { column in counts.reduce(0) { $0 + $1[column] } }
        self.total = first.count
    }
}
