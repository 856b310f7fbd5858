import Foundation
import LatentData
import LatentModels
import LatentReport

/// The pictures of an anomaly measurement, written as an analysis that a run's report shows: the highest- and
/// lowest-scoring images as grids, and the histograms of the normal images' and the anomalies' scores.
enum AnomalyFigures {
    /// Images in each grid.
    static let gridCount = 64

    /// Writes `highest.png`, `lowest.png`, `histogram.svg`, `histogram.png` and `analysis.json` into `folder`
    /// for `measurement` of `images` (scaled with `scaling`) under `scorer`, with `normal` the normal classes
    /// of `dataset`.
    static func write(
        _ measurement: AnomalyMeasurement, of images: ImageDataset, scaling: PixelScaling, scorer: AnomalyScorer,
        normal: [Int], dataset: String, to folder: URL
    ) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (highest, lowest) = measurement.extremes(count: gridCount)
        let range = PixelRange(scaling)
        for (name, indices) in [("highest", highest), ("lowest", lowest)] {
            try ImageGrid.save(images: images.subset(indices).images(scaling: scaling),
                               to: folder.appendingPathComponent(name + ".png").path, range: range)
        }
        let (normalScores, anomalousScores) = measurement.split
        let all = measurement.scores
        let span = all.min()!...all.max()!
        let plot = HistogramPlot(title: "\(scorer.name) scores", entries: [
            .init(name: "normal (\(normalScores.count))", histogram: Histogram(values: normalScores, bins: 50, range: span)),
            .init(name: "anomalous (\(anomalousScores.count))", histogram: Histogram(values: anomalousScores, bins: 50, range: span)),
        ], xLabel: "score")
        try plot.save(to: folder.appendingPathComponent("histogram.svg").path)
        try plot.save(to: folder.appendingPathComponent("histogram.png").path)
        let classes = RunConfiguration.listed(normal)
        let analysis = RunAnalysis(
            title: "Anomaly detection: \(scorer.name) score, normal class\(normal.count > 1 ? "es" : "") \(classes) of \(dataset)",
            facts: [
                .init("score", scorer.summary),
                .init("AUROC (anomalies positive)", String(format: "%.4f", measurement.auroc)),
                .init("AUPRC (anomalies positive)", String(format: "%.4f", measurement.auprc)),
                .init("normal images", "\(normalScores.count)"),
                .init("anomalous images", "\(anomalousScores.count)"),
            ],
            figures: [
                .init(file: "histogram.svg", caption: "scores of the normal images and of the anomalies"),
                .init(file: "highest.png", caption: "the \(highest.count) highest-scoring images (most anomalous first)"),
                .init(file: "lowest.png", caption: "the \(lowest.count) lowest-scoring images (most normal first)"),
            ])
        try analysis.write(to: folder)
    }
}
