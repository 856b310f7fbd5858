/// The area under the ROC curve of `scores` (higher meaning more likely positive) against
/// `isPositive`, as scikit-learn's `roc_auc_score`: tied scores form one step of the curve, so a tie
/// between a positive and a negative counts one half.
///
/// Throws `MetricError.invalidInput` when the counts differ, a score is not finite, or either class
/// is absent.
public func areaUnderROC(scores: [Double], isPositive: [Bool]) throws -> Double {
    let steps = try rankingSteps(scores: scores, isPositive: isPositive, metric: "AUROC")
    guard steps.negatives > 0 else {
        throw MetricError.invalidInput(metric: "AUROC", problem: "no negative samples; the ROC curve needs both classes")
    }
    var area = 0.0, truePositives = 0, falsePositives = 0
    for step in steps.counts {
        area += Double(step.falsePositives) * (Double(truePositives) + Double(step.truePositives) / 2)
        truePositives += step.truePositives
        falsePositives += step.falsePositives
    }
    return area / (Double(steps.positives) * Double(steps.negatives))
}

/// The average precision of `scores` against `isPositive`, as scikit-learn's
/// `average_precision_score`: Σ (Rₙ − Rₙ₋₁) Pₙ over the distinct score thresholds from the highest,
/// without interpolation; tied scores form one threshold.
///
/// Throws `MetricError.invalidInput` when the counts differ, a score is not finite, or there is no
/// positive sample.
public func averagePrecision(scores: [Double], isPositive: [Bool]) throws -> Double {
    let steps = try rankingSteps(scores: scores, isPositive: isPositive, metric: "average precision")
    var total = 0.0, truePositives = 0, predicted = 0
    for step in steps.counts {
        truePositives += step.truePositives
        predicted += step.truePositives + step.falsePositives
        total += Double(step.truePositives) * Double(truePositives) / Double(predicted)
    }
    return total / Double(steps.positives)
}

/// The positives and negatives at each distinct score, from the highest score down.
private func rankingSteps(scores: [Double], isPositive: [Bool], metric: String)
    throws -> (counts: [(truePositives: Int, falsePositives: Int)], positives: Int, negatives: Int) {
    guard scores.count == isPositive.count else {
        throw MetricError.invalidInput(metric: metric, problem: "\(scores.count) scores but \(isPositive.count) labels")
    }
    guard scores.allSatisfy(\.isFinite) else {
        throw MetricError.invalidInput(metric: metric, problem: "a score is not finite")
    }
    let positives = isPositive.filter { $0 }.count
    guard positives > 0 else {
        throw MetricError.invalidInput(metric: metric, problem: "no positive samples")
    }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var counts: [(truePositives: Int, falsePositives: Int)] = []
    var previous: Double?
    for index in order {
        if scores[index] != previous { counts.append((0, 0)); previous = scores[index] }
        if isPositive[index] { counts[counts.count - 1].truePositives += 1 } else { counts[counts.count - 1].falsePositives += 1 }
    }
    return (counts, positives, scores.count - positives)
}
