import Foundation
import LatentData
import LatentModels
import LatentReport
import LatentTensor

/// The one-class protocol on MNIST (Ruff et al. 2018): for each digit, a model trained on that digit's training
/// images alone scores all 10,000 test images with that digit normal and the nine others anomalous; AUROC per
/// digit and its mean over the ten, for each model's scores and for Gaussian mixtures on the pixels' principal
/// components (one Gaussian on 50, and the settings `MixtureSelection` chooses on held-out training images),
/// against Deep SVDD's mean.
struct OneClassMNISTReproduction: Reproduction {
    let name = "one-class-mnist"
    let summary = "one-class MNIST (train on one digit, test on all 10,000): mean AUROC over the ten digits ≥ 94.8 % (one-class Deep SVDD, Ruff et al. 2018)"
    let epochs: Int? = 30

    /// One-class Deep SVDD's AUROC per digit in % (Ruff et al. 2018, Table 1), whose mean is the target.
    static let deepSVDD = [98.0, 99.7, 91.7, 91.9, 94.9, 88.5, 98.3, 94.6, 93.9, 96.5]

    /// A trained model's anomaly score measured by the protocol.
    struct Scorer: Sendable {
        let model: String
        let score: String
        var label: String { "\(model) \(score)" }
    }

    /// The scores measured: the models trained on each digit and the score of each that is read.
    static let scorers = [
        Scorer(model: "autoencoder", score: "reconstruction"), Scorer(model: "vae", score: "elbo"),
        Scorer(model: "vae", score: "reconstruction"), Scorer(model: "rbm", score: "energy"),
    ]

    /// The baseline that trains nothing and is set beforehand: one Gaussian on the pixels' 50 principal components,
    /// fitted to the normal digit's training images.
    static let pixelBaseline = (label: "pixels PCA-50 gmm", mixture: AnomalyScorer.MixtureSettings(components: 1, pixelComponents: 50))
    /// The row of the mixture whose settings `MixtureSelection` chose on held-out training images.
    static let chosenMixtureLabel = "pixels gmm chosen on held-out training images"

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        var auroc: [String: [Double]] = [:], runs: [URL] = [], figures: [String: Double] = [:]
        let training = try DatasetCatalog().load("mnist", split: .train).images(ofClasses: Array(0...9), name: "mnist")
        let selection = try MixtureSelection(training: training, classes: Array(0...9), seed: context.seed)
        for (settings, value) in selection.meanAUROC {
            figures["held_out_pca\(settings.pixelComponents)_gmm\(settings.components)_mean_auroc"] = 100 * value
        }
        figures["chosen_gmm_components"] = Double(selection.chosen.components)
        figures["chosen_gmm_pca_components"] = Double(selection.chosen.pixelComponents)
        let pixelRows: [(label: String, mixture: AnomalyScorer.MixtureSettings)] =
            [Self.pixelBaseline, (Self.chosenMixtureLabel, selection.chosen)]
        for digit in 0...9 {
            var trained: [String: TrainedRun] = [:]
            for model in Set(Self.scorers.map(\.model)).sorted() {
                let directory = try context.train(model, runName: "\(model)-digit-\(digit)", epochs: context.epochs) {
                    $0.classes = [digit]
                }
                runs.append(directory)
                trained[model] = try TrainedRun(directory: directory, requireGenerator: false)
            }
            for scorer in Self.scorers {
                let run = trained[scorer.model]!
                let detection = try AnomalyDetection(run: run, dataset: "mnist", dataDirectory: nil, normal: [digit],
                                                     score: scorer.score, layer: nil, mixture: .init())
                try detection.writeFigures(to: URL(fileURLWithPath: detection.defaultFolder))
                auroc[scorer.label, default: []].append(100 * detection.measurement.auroc)
            }
            for (label, settings) in pixelRows {
                var mixture = settings
                mixture.seed = context.seed
                let pixels = try AnomalyDetection(run: nil, dataset: "mnist", dataDirectory: nil, normal: [digit], score: "gmm",
                                                  layer: nil, mixture: mixture)
                auroc[label, default: []].append(100 * pixels.measurement.auroc)
            }
        }
        for run in Set(runs) { try RunReport.write(run: run) }
        let labels = Self.scorers.map(\.label) + pixelRows.map { $0.label }
        let chosen = "\nThe chosen mixture: \(selection.chosen.components) Gaussian(s) on \(selection.chosen.pixelComponents) principal "
            + "components, the best mean AUROC on the last \(MixtureSelection.defaultHeldOut) training images among "
            + "\(MixtureSelection.candidates.count) candidates (the test split unseen).\n"
        try AtomicFile.write(Data((Self.table(labels.map { ($0, auroc[$0]!) }) + chosen).utf8),
                             to: context.directory.appendingPathComponent("one-class-mnist.md"))
        for label in labels {
            let key = label.replacingOccurrences(of: " ", with: "_")
            for (digit, value) in auroc[label]!.enumerated() { figures["\(key)_auroc_digit_\(digit)"] = value }
            figures["\(key)_mean_auroc"] = Self.mean(auroc[label]!)
        }
        let best = labels.max { Self.mean(auroc[$0]!) < Self.mean(auroc[$1]!) }!
        return ReproductionResult(
            name: name,
            main: .atLeast("mean AUROC (%) over the ten digits of the best score (\(best))", Self.mean(auroc[best]!), Self.mean(Self.deepSVDD)),
            figures: figures,
            source: "Ruff et al. 2018, Deep One-Class Classification (ICML), Table 1: one-class Deep SVDD's MNIST AUROC per digit "
                + Self.deepSVDD.map { String(format: "%.1f", $0) }.joined(separator: ", ") + ", mean 94.8; the table is "
                + "\(context.directory.path)/one-class-mnist.md",
            seconds: Date().timeIntervalSince(start), runs: Array(Set(runs)).sorted { $0.path < $1.path })
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// A Markdown table: one row per score with its AUROC (%) per digit and the mean, then Deep SVDD's row.
    static func table(_ rows: [(label: String, auroc: [Double])]) -> String {
        var lines = ["| score | " + (0...9).map(String.init).joined(separator: " | ") + " | mean |",
                     "|---|" + String(repeating: "---|", count: 11)]
        for (label, values) in rows + [("one-class Deep SVDD (Ruff et al. 2018)", deepSVDD)] {
            lines.append("| \(label) | " + (values + [mean(values)]).map { String(format: "%.1f", $0) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
