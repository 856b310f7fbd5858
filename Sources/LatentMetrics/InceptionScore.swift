import Foundation
import LatentNN

/// The inception score (Salimans et al., 2016) of class probabilities `[count, classes]`, each row
/// a distribution summing to 1: the rows are cut into `splits` consecutive parts (part i holding
/// rows i·count/splits ..< (i+1)·count/splits); each part scores exp(mean over its rows of
/// KL(p(y|x) ‖ p(y))), p(y) being the part's mean row; the result is the mean and standard deviation
/// of the part scores. This is the original formula and torch-fidelity's `isc` without its shuffle.
///
/// Throws `MetricError` when there are fewer rows than splits, or a value is negative or not finite,
/// or a row's sum differs from 1 by more than 10⁻³ (logits passed by mistake).
public func inceptionScore(probabilities: Tensor, splits: Int = 10) throws -> MeanAndDeviation {
    let metric = "inception score"
    guard splits >= 1 else { throw MetricError.invalidInput(metric: metric, problem: "splits is \(splits), expected at least 1") }
    try checkFeatures(probabilities, name: "class probability", metric: metric, minimumCount: splits,
                      reason: "each of the \(splits) splits needs a sample")
    let count = probabilities.shape[0], classes = probabilities.shape[1]
    let p = probabilities.withValues { $0.map(Double.init) }
    for row in 0..<count {
        let values = p[row * classes..<(row + 1) * classes]
        guard values.allSatisfy({ $0 >= 0 }), abs(values.reduce(0, +) - 1) <= 1e-3 else {
            throw MetricError.invalidInput(
                metric: metric, problem: "row \(row) is not a probability distribution (non-negative values summing to 1)")
        }
    }
    let scores = (0..<splits).map { split in
        let rows = split * count / splits..<(split + 1) * count / splits
        var marginal = [Double](repeating: 0, count: classes)
        for row in rows {
            for c in 0..<classes { marginal[c] += p[row * classes + c] / Double(rows.count) }
        }
        var divergence = 0.0
        for row in rows {
            for c in 0..<classes where p[row * classes + c] > 0 {
                let value = p[row * classes + c]
                divergence += value * (log(value) - log(marginal[c]))
            }
        }
        return exp(divergence / Double(rows.count))
    }
    return MeanAndDeviation(scores)
}
