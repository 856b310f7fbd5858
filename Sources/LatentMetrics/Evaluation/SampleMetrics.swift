import LatentNN

/// The metrics `latent eval` and evaluations during training compute, by their names on the command line.
public enum SampleMetric: String, CaseIterable, Sendable {
    /// Fréchet distance between the feature distributions.
    case fid
    /// Kernel distance (unbiased MMD², cubic polynomial kernel), mean and std over subsets.
    case kid
    /// Inception score of the samples' class probabilities, mean and std over 10 splits.
    case `is`
    /// Improved precision and recall (k = 3).
    case pr

    /// Parses a comma-separated list such as `fid,kid`; throws naming an unknown metric, or when the list is empty.
    public static func list(_ text: String) throws -> [SampleMetric] {
        let names = allCases.map(\.rawValue).joined(separator: ", ")
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MetricError.invalidInput(metric: "metrics", problem: "the list is empty; name one or more of " + names)
        }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let metric = SampleMetric(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw MetricError.invalidInput(
                    metric: "metrics", problem: "unknown metric \"\(name)\"; the metrics are " + names)
            }
            return metric
        }
    }
}

/// The requested metrics of `samples` against `reference`, keyed as `metrics.jsonl` logs them:
/// `eval_fid`, `eval_kid` and `eval_kid_std`, `eval_is` and `eval_is_std`, `eval_precision` and
/// `eval_recall`. KID uses 100 subsets of at most 1,000 samples (fewer when a set is smaller).
public func sampleMetrics(_ samples: EvaluatedSet, reference: EvaluatedSet, metrics: [SampleMetric]) throws -> [String: Double] {
    var values: [String: Double] = [:]
    for metric in metrics {
        switch metric {
        case .fid:
            values["eval_fid"] = try frechetDistance(samples.statistics, reference.statistics)
        case .kid:
            let kid = try kernelInceptionDistance(
                real: reference.features, fake: samples.features, subsetSize: min(1000, samples.count, reference.count))
            values["eval_kid"] = kid.mean
            values["eval_kid_std"] = kid.std
        case .is:
            guard let probabilities = samples.probabilities else {
                throw MetricError.invalidInput(
                    metric: "Inception score", problem: "the feature extractor gives no class probabilities (the FID Inception weights have no classifier); use digit features or leave out `is`")
            }
            let score = try inceptionScore(probabilities: probabilities)
            values["eval_is"] = score.mean
            values["eval_is_std"] = score.std
        case .pr:
            let pr = try improvedPrecisionRecall(real: reference.features, fake: samples.features)
            values["eval_precision"] = pr.precision
            values["eval_recall"] = pr.recall
        }
    }
    return values
}
