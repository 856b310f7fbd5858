import LatentNN

/// The accuracy of the 1-nearest-neighbour classifier: each row of `query` gets the label of the nearest
/// row of `reference` (Euclidean distance; ties go to the earlier reference row), scored against
/// `queryLabels`. BiGAN's feature measure (Donahue et al. 2017, Table 1) with the training set as
/// reference and the test set as query. Distances are Float64, taken in tiles (see `PairwiseDistances`).
///
/// Throws `MetricError` when the label counts do not match the rows, the dimensions differ, a set is
/// empty or a value is not finite.
public func nearestNeighbourAccuracy(
    reference: Tensor, referenceLabels: [Int], query: Tensor, queryLabels: [Int]
) throws -> Double {
    let metric = "1-NN accuracy"
    try checkFeatures(reference, name: "reference", metric: metric, minimumCount: 1, reason: "a neighbour is needed")
    try checkFeatures(query, name: "query", metric: metric, minimumCount: 1, reason: "a sample to classify is needed")
    try checkSameDimension(reference, query, metric: metric)
    guard referenceLabels.count == reference.shape[0], queryLabels.count == query.shape[0] else {
        throw MetricError.invalidInput(metric: metric, problem: "\(referenceLabels.count) reference labels for \(reference.shape[0]) rows "
            + "and \(queryLabels.count) query labels for \(query.shape[0]) rows")
    }
    let count = query.shape[0]
    var nearest = [Int](repeating: 0, count: count), nearestDistance = [Double](repeating: .infinity, count: count)
    query.withValues { queryValues in
        reference.withValues { referenceValues in
            PairwiseDistances.forEachTile(queryValues, referenceValues, dimension: query.shape[1]) { rows, columns, distances in
                for i in 0..<rows.count {
                    let row = rows.lowerBound + i
                    for j in 0..<columns.count where distances[i * columns.count + j] < nearestDistance[row] {
                        nearestDistance[row] = distances[i * columns.count + j]
                        nearest[row] = columns.lowerBound + j
                    }
                }
            }
        }
    }
    let correct = zip(nearest, queryLabels).filter { referenceLabels[$0.0] == $0.1 }.count
    return Double(correct) / Double(count)
}
