import Foundation
import LatentData
import LatentModels
import LatentReport

/// One anomaly measurement as `latent anomaly` and `latent reproduce one-class-mnist` make it: a data set's
/// test images scored by a run (or a mixture) with some classes normal and the rest anomalous.
struct AnomalyDetection {
    let dataset: String
    let normal: [Int]
    let scorer: AnomalyScorer
    /// The test images scored.
    let images: ImageDataset
    let measurement: AnomalyMeasurement
    private let runDirectory: URL?

    /// Scores the test split of `dataset` (its first `count` images when given) with `score` of `run` (see
    /// `AnomalyScorer.make`). Throws naming a class `normal` lists that the data set lacks, a `normal` that
    /// leaves no anomaly, images of another shape than the run's model takes, and the scorer's errors.
    init(
        run: TrainedRun?, dataset: String, dataDirectory: String?, normal: [Int], score: String?, layer: String?,
        mixture: AnomalyScorer.MixtureSettings, count: Int? = nil
    ) throws {
        let catalog = DatasetCatalog()
        let test = try catalog.load(dataset, split: .test, dataDirectory: dataDirectory)
        _ = try test.images(ofClasses: normal, name: dataset)
        guard let all = test.images else { throw CommandFailure("data set \(dataset) holds points, not labelled images") }
        guard normal.count < test.classCount else {
            throw CommandFailure("--normal \(RunConfiguration.listed(normal)) names every class of \(dataset); no image would be anomalous")
        }
        if let run, all.imageShape != run.sampleShape {
            throw CommandFailure("model \(run.entry.name) of \(run.directory.path) takes images of shape \(run.sampleShape), but data set \(dataset) has \(all.imageShape)")
        }
        let images = count.map { all.subset(Array(0..<Swift.min($0, all.count))) } ?? all
        scorer = try AnomalyScorer.make(run: run, score: score, layer: layer, mixture: mixture) {
            try catalog.load(dataset, split: .train, dataDirectory: dataDirectory).images(ofClasses: normal, name: dataset)
        }
        measurement = try AnomalyMeasurement(
            scores: try scorer.scores(of: images), labels: images.labels, normal: normal, scoreName: scorer.name)
        self.dataset = dataset
        self.normal = normal
        self.images = images
        runDirectory = run?.directory
    }

    /// Where the figures go by default: the run's `analyses/anomaly-SCORE-normal-CLASSES`, or
    /// `anomaly-DATASET-SCORE-normal-CLASSES` in the working directory without a run.
    var defaultFolder: String {
        let name = "\(scorer.name)-normal-\(normal.map(String.init).joined(separator: "-"))"
        guard let runDirectory else { return "anomaly-\(dataset)-\(name)" }
        return RunAnalysis.folder(named: "anomaly-" + name, in: runDirectory).path
    }

    /// Writes the grids, histograms and `analysis.json` into `folder`.
    func writeFigures(to folder: URL) throws {
        try AnomalyFigures.write(measurement, of: images, scaling: scorer.scaling, scorer: scorer, normal: normal,
                                 dataset: dataset, to: folder)
    }
}
