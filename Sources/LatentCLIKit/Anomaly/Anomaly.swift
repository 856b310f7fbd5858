import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport

/// `latent anomaly`: scores every test image by how anomalous a trained run (or a Gaussian mixture) finds
/// it, and measures how well the scores single out the images outside the normal classes.
struct Anomaly: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every test image by how anomalous it looks and measure AUROC and AUPRC against the normal classes.",
        discussion: """
            The anomalies (images outside --normal) are the positives of AUROC and AUPRC (average precision). \
            Scores are the run's own (`reconstruction` of an autoencoder, `elbo` and `reconstruction` of a VAE, \
            `discriminator` of a GAN; its first by default) or `gmm`: the negative log-likelihood under a Gaussian \
            mixture fitted to the normal classes' training images, on the run's codes (--layer) or, without a run, on \
            the principal components of the pixels. The highest- and lowest-scoring images and the histograms of the \
            scores go to RUN/analyses/anomaly-SCORE-normal-CLASSES/ and into the run's report.

            Examples:
              latent train vae --classes 3 --epochs 20 --out runs/vae-3
              latent anomaly runs/vae-3 --normal 3 --score elbo
              latent anomaly --dataset mnist --normal 3 --score gmm --out runs/pixels-gmm-3
            """)

    @Argument(help: ArgumentHelp("The run directory (optional with --score gmm, which then fits the pixels).", valueName: "run"))
    var runDirectory: String?

    @Option(help: "The data set whose test split is scored (default: the run's, else mnist).")
    var dataset: String?

    @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("The normal classes, such as 3 or 1,7; every other class is anomalous.", valueName: "classes"))
    var normal: String

    @Option(help: "The score: one the run offers (reconstruction, elbo, discriminator, …) or gmm (default: the run's first; gmm without a run).")
    var score: String?

    @Option(help: "With --score gmm and a run, the representation whose codes the mixture is fitted to (default: its first).")
    var layer: String?

    @Option(help: "With --score gmm, the mixture's Gaussian components.")
    var components = 1

    @Option(help: "With --score gmm and no run, the principal components of the pixels the mixture is fitted to.")
    var pcaComponents = 50

    @Option(help: "With --score gmm, the seed of the mixture's k-means++ start and of the pixels' randomized PCA.")
    var seed: UInt64 = 0

    @Option(help: "Score only the first N test images (default: all).")
    var count: Int?

    @Option(help: ArgumentHelp("The folder for the grids, histograms and analysis.json (default: RUN/analyses/anomaly-SCORE-normal-CLASSES, or anomaly-DATASET-SCORE-normal-CLASSES without a run).", valueName: "dir"))
    var out: String?

    @Option(help: "Kernel threads (default: the run's, else the processor count).")
    var threads: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        _ = try normalClasses()
        try FlagRange.check(components, "--components", in: 1...1000)
        try FlagRange.check(pcaComponents, "--pca-components", in: 1...10_000)
        if let count { try FlagRange.check(count, "--count", in: 2...10_000_000) }
        try FlagRange.checkThreads(threads)
    }

    private func normalClasses() throws -> [Int] {
        do {
            return try RunConfiguration.classList(normal)
        } catch {
            throw ValidationError("--normal \(normal): \(CommandFailure.describe(error))")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            let start = Date()
            let trained = try runDirectory.map { try TrainedRun(directory: URL(fileURLWithPath: $0), requireGenerator: false) }
            if let threads { Threads.set(threads) } else if trained == nil { Threads.set(ProcessInfo.processInfo.activeProcessorCount) }
            let detection = try AnomalyDetection(
                run: trained, dataset: dataset ?? trained?.configuration.dataset ?? "mnist", dataDirectory: dataDir,
                normal: try normalClasses(), score: score, layer: layer,
                mixture: .init(components: components, pixelComponents: pcaComponents, seed: seed), count: count)
            let folder = URL(fileURLWithPath: out ?? detection.defaultFolder)
            try detection.writeFigures(to: folder)
            if let trained, out == nil { try RunReport.write(run: trained.directory) }
            show(detection, folder: folder, seconds: Date().timeIntervalSince(start))
        }
    }

    private func show(_ detection: AnomalyDetection, folder: URL, seconds: Double) {
        let m = detection.measurement
        let (normalScores, anomalousScores) = m.split
        if json {
            Console.out(jsonObject([
                ("run", runDirectory.map(jsonString) ?? "null"), ("dataset", jsonString(detection.dataset)),
                ("normal", "[" + detection.normal.map(String.init).joined(separator: ",") + "]"),
                ("score", jsonString(detection.scorer.name)), ("score_summary", jsonString(detection.scorer.summary)),
                ("positives", jsonString("anomalies")), ("auroc", "\(m.auroc)"), ("auprc", "\(m.auprc)"),
                ("normal_count", "\(normalScores.count)"), ("anomaly_count", "\(anomalousScores.count)"),
                ("figures", jsonString(folder.path)), ("seconds", "\(seconds)"),
            ]))
        } else {
            Console.out("\(detection.scorer.name) scores of \(m.scores.count) \(detection.dataset) test images, normal classes \(RunConfiguration.listed(detection.normal)):")
            Console.out("  score: \(detection.scorer.summary)")
            Console.out("  AUROC: \(String(format: "%.4f", m.auroc)) (anomalies are the positives)")
            Console.out("  AUPRC: \(String(format: "%.4f", m.auprc)) (average precision, anomalies positive; chance \(String(format: "%.4f", Double(anomalousScores.count) / Double(m.scores.count))))")
            Console.out("  \(normalScores.count) normal, \(anomalousScores.count) anomalous images; \(String(format: "%.1f", seconds)) s")
            Console.out("  grids and histograms: \(folder.path)/")
        }
    }
}
