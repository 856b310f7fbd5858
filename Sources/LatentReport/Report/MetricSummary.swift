/// The final-metrics table of a report: each metric's last value and, for evaluations, its best value.
enum MetricSummary {
    /// One metric's row.
    struct Row {
        let key: String
        /// The last finite value, with its step and epoch.
        let last: (step: Double, epoch: Double, value: Double)
        /// The best finite value and its epoch (or step), for evaluation keys whose better direction is known.
        let best: (value: Double, epoch: Double, step: Double)?
    }

    /// A row for every key that has a finite value, in the order the keys first appear.
    static func rows(_ metrics: MetricsHistory) -> [Row] {
        metrics.keys.compactMap { key in
            let history = metrics[key]
            guard let last = history.last else { return nil }
            var best: (value: Double, epoch: Double, step: Double)?
            if RunPlots.isEvaluation(key), let lowerIsBetter = lowerIsBetter(key) {
                for index in history.values.indices where history.values[index].isFinite {
                    let value = history.values[index]
                    if best.map({ lowerIsBetter ? value < $0.value : value > $0.value }) ?? true {
                        best = (value, history.epochs[index], history.steps[index])
                    }
                }
            }
            return Row(key: key, last: last, best: best)
        }
    }

    /// Whether a lower value of `key` is better (FID, KID, losses), a higher one (Inception score, precision,
    /// recall, accuracy), or neither is known (nil).
    static func lowerIsBetter(_ key: String) -> Bool? {
        if key.hasSuffix("_std") { return nil }
        if key.hasSuffix("fid") || key.hasSuffix("kid") || key.hasSuffix("loss") { return true }
        if key.hasSuffix("_is") || key.hasSuffix("precision") || key.hasSuffix("recall") || key.hasSuffix("accuracy") {
            return false
        }
        return nil
    }

    /// The seconds spent on model updates, estimated as the sum over training steps of
    /// `batchSize / images_per_second`; nil when no step logged a positive rate.
    static func estimatedTrainingSeconds(_ metrics: MetricsHistory, batchSize: Int) -> Double? {
        let rates = metrics["images_per_second"].values.filter { $0.isFinite && $0 > 0 }
        guard !rates.isEmpty else { return nil }
        return rates.reduce(0) { $0 + Double(batchSize) / $1 }
    }
}
