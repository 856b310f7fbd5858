import Foundation

/// One plot of a report, with the name of the files it is saved as (`plots/NAME.svg` and `plots/NAME.png`).
struct ReportPlot {
    let name: String
    let plot: any Plottable
}

/// The plots that a run's metrics call for: only those whose keys the metrics hold.
enum RunPlots {
    /// Curves over steps, TensorBoard-smoothed over a faint raw curve: the losses (`loss`, `loss_*`),
    /// D(x) against D(G(z)) (`d_real`, `d_fake`), D's accuracy (`d_accuracy_real`, `d_accuracy_fake`), the
    /// learning rates (`lr_*`, not smoothed), images per second, and one plot for every other training key.
    /// Resumes are marked by vertical lines.
    static func training(_ metrics: MetricsHistory) -> [ReportPlot] {
        let keys = metrics.keys.filter { !isEvaluation($0) }
        let markers = metrics.resumedAtSteps.map { LinePlot.Marker(x: $0, label: "resumed") }
        var covered: Set<String> = []
        var plots: [ReportPlot] = []
        func add(_ name: String, _ title: String, _ chosen: [(key: String, label: String)], yLabel: String,
                 smoothing: Double = 0.6) {
            guard !chosen.isEmpty else { return }
            covered.formUnion(chosen.map(\.key))
            let series = chosen.map { stepSeries(metrics[$0.key], name: $0.label) }
            plots.append(ReportPlot(name: name, plot: LinePlot(title: title, series: series, yLabel: yLabel,
                                                               smoothing: smoothing, markers: markers)))
        }
        add("losses", "Losses", keys.filter { $0 == "loss" || $0.hasPrefix("loss_") }.map { ($0, $0) }, yLabel: "loss")
        add("discriminator-outputs", "D(x) and D(G(z))",
            [("d_real", "D(x)"), ("d_fake", "D(G(z))")].filter { keys.contains($0.0) }, yLabel: "mean output")
        add("discriminator-accuracy", "Discriminator accuracy",
            [("d_accuracy_real", "on real"), ("d_accuracy_fake", "on fake")].filter { keys.contains($0.0) },
            yLabel: "accuracy")
        add("learning-rates", "Learning rates",
            keys.filter { $0.hasPrefix("lr_") }.map { ($0, String($0.dropFirst(3))) }, yLabel: "rate", smoothing: 0)
        add("images-per-second", "Images per second", keys.filter { $0 == "images_per_second" }.map { ($0, "images/s") },
            yLabel: "images/s")
        for key in keys where !covered.contains(key) {
            add("metric-" + fileName(key), key, [(key, key)], yLabel: key)
        }
        return plots
    }

    /// One plot per evaluation key (`eval_*`, `val_*`, `test_*`) over epochs, with precision and recall together and
    /// standard deviations (`*_std`) left to the table; points are marked while there are at most 60.
    static func evaluation(_ metrics: MetricsHistory) -> [ReportPlot] {
        let keys = metrics.keys.filter { isEvaluation($0) && !$0.hasSuffix("_std") }
        var plots: [ReportPlot] = []
        var covered: Set<String> = []
        for key in keys where !covered.contains(key) {
            let group = ["eval_precision", "eval_recall"].contains(key)
                ? ["eval_precision", "eval_recall"].filter(keys.contains) : [key]
            covered.formUnion(group)
            let byEpoch = group.allSatisfy { metrics[$0].epochs.allSatisfy(\.isFinite) }
            let series = group.map { member -> LinePlot.Series in
                let history = metrics[member]
                return finiteSeries(name: displayName(member), steps: byEpoch ? history.epochs : history.steps,
                                    values: history.values)
            }
            let title = group.count > 1 ? "Precision and recall" : displayName(key)
            plots.append(ReportPlot(name: "evaluation-" + fileName(group.count > 1 ? "precision-recall" : key),
                                    plot: LinePlot(title: title, series: series, xLabel: byEpoch ? "epoch" : "step",
                                                   yLabel: title, smoothing: 0,
                                                   showsPoints: series.allSatisfy { $0.values.count <= 60 })))
        }
        return plots
    }

    /// D's outputs on real and generated images after `file`'s epoch, overlaid.
    static func histogram(_ file: HistogramFile) -> ReportPlot {
        ReportPlot(name: String(format: "d-histogram-epoch-%04d", file.epoch),
                   plot: HistogramPlot(title: "D outputs after epoch \(file.epoch)", entries: file.entries,
                                       xLabel: "D output"))
    }

    /// Whether `key` is measured by an evaluation rather than by a training step.
    static func isEvaluation(_ key: String) -> Bool {
        ["eval_", "val_", "test_"].contains { key.hasPrefix($0) }
    }

    /// The name a report gives an evaluation key: `FID` for `eval_fid`, `val loss` for `val_loss`.
    static func displayName(_ key: String) -> String {
        let names = ["eval_fid": "FID", "eval_kid": "KID", "eval_kid_std": "KID std", "eval_is": "Inception score",
                     "eval_is_std": "Inception score std", "eval_precision": "precision", "eval_recall": "recall"]
        if let name = names[key] { return name }
        return key.hasPrefix("eval_") ? String(key.dropFirst(5)) : key.replacingUnderscores
    }

    /// The series of `history` over steps, without its non-finite values.
    private static func stepSeries(_ history: MetricsHistory.Series, name: String) -> LinePlot.Series {
        finiteSeries(name: name, steps: history.steps, values: history.values)
    }

    private static func finiteSeries(name: String, steps: [Double], values: [Double]) -> LinePlot.Series {
        var keptSteps: [Double] = [], keptValues: [Double] = []
        keptSteps.reserveCapacity(steps.count)
        keptValues.reserveCapacity(values.count)
        for (step, value) in zip(steps, values) where step.isFinite && value.isFinite {
            keptSteps.append(step)
            keptValues.append(value)
        }
        return LinePlot.Series(name: name, steps: keptSteps, values: keptValues)
    }

    /// `key` with every character other than letters, digits, `-` and `_` replaced by `-`, for a file name; a key
    /// longer than `longestFileName` characters is cut there and told apart by a hash of the whole key.
    static func fileName(_ key: String) -> String {
        let plain = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        guard plain.count > longestFileName else { return plain }
        let hash = key.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return plain.prefix(longestFileName) + "-" + String(hash, radix: 16)
    }

    /// The most characters of a key in a plot's file name (with the prefix, the hash and `.svg`, far below the
    /// 255 bytes a file name may have).
    static let longestFileName = 80
}

extension String {
    /// The text with underscores written as spaces.
    fileprivate var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
