import LatentMetrics

/// How well scores single out the images outside the normal classes: the area under the ROC curve and the
/// average precision (the area under the precision-recall curve), with the anomalies as the positives.
struct AnomalyMeasurement {
    /// One score per image, higher meaning more anomalous.
    let scores: [Double]
    /// Whether each image is outside the normal classes.
    let isAnomaly: [Bool]
    let auroc: Double
    let auprc: Double

    /// The measurement of `scores` of images labelled `labels` when `normal` are the normal classes; throws
    /// when a score is not finite, naming the score.
    init(scores: [Double], labels: [Int], normal: [Int], scoreName: String) throws {
        precondition(scores.count == labels.count, "AnomalyMeasurement: \(scores.count) scores for \(labels.count) labels")
        let notFinite = scores.filter { !$0.isFinite }.count
        guard notFinite == 0 else {
            throw CommandFailure("the \(scoreName) score of \(notFinite) of the \(scores.count) images is not finite; the model may have diverged")
        }
        let normalSet = Set(normal)
        self.scores = scores
        isAnomaly = labels.map { !normalSet.contains($0) }
        guard isAnomaly.contains(false), isAnomaly.contains(true) else {
            throw CommandFailure("the \(scores.count) images scored hold \(isAnomaly.contains(false) ? "no anomaly" : "no image of the normal classes"); AUROC needs both")
        }
        auroc = try areaUnderROC(scores: scores, isPositive: isAnomaly)
        auprc = try averagePrecision(scores: scores, isPositive: isAnomaly)
    }

    /// The scores of the normal images and of the anomalies.
    var split: (normal: [Double], anomalous: [Double]) {
        (zip(scores, isAnomaly).filter { !$0.1 }.map(\.0), zip(scores, isAnomaly).filter { $0.1 }.map(\.0))
    }

    /// The indices of the `count` highest-scoring images, highest first, and of the `count` lowest, lowest first
    /// (ties in index order).
    func extremes(count: Int) -> (highest: [Int], lowest: [Int]) {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let lowest = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        return (Array(order.prefix(count)), Array(lowest.prefix(count)))
    }
}
