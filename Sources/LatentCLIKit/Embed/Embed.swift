import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport

/// `latent embed`: a 2-D map (PCA or t-SNE) of a run's codes or features, or of a data set's pixels, coloured by label.
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a 2-D map (PCA or t-SNE) of a run's codes or features, or of a data set's pixels, coloured by label.",
        discussion: """
            t-SNE is Barnes–Hut t-SNE (van der Maaten 2014) with scikit-learn's settings: perplexity 30 over the \
            91 nearest neighbours, PCA initialisation, early exaggeration 12 for 250 of 1000 iterations, learning \
            rate max(N / 48, 50), angle 0.5. With a run, the map also goes into RUN/analyses/embedding-LAYER-METHOD/ \
            and the run's report.

            Examples:
              latent embed runs/vae --method tsne --out vae-tsne.png
              latent embed --dataset mnist --method pca --count 2000 --out pixels-pca.svg
            """)

    @Argument(help: ArgumentHelp("The run directory whose representation is mapped (default: the data set's pixels).", valueName: "run"))
    var runDirectory: String?

    @Option(help: "The data set whose images are mapped (default: the run's, else mnist).")
    var dataset: String?

    @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: "The split: train or test.")
    var split = "test"

    @Option(help: "With a run, its representation to map (default: its first).")
    var layer: String?

    @Option(help: "pca or tsne.")
    var method = "pca"

    @Option(help: "Map only the first N images of the split.")
    var count = 10_000

    @Option(help: "t-SNE's perplexity.")
    var perplexity = 30.0

    @Option(help: "The seed of the randomized PCA behind both methods.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("The picture to write, .png or .svg.", valueName: "file"))
    var out: String

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard EmbeddingMethod(rawValue: method) != nil else { throw ValidationError("--method must be pca or tsne, got \"\(method)\"") }
        guard DataSplit(rawValue: split) != nil else { throw ValidationError("--split must be train or test, got \"\(split)\"") }
        try FlagRange.check(count, "--count", in: 3...1_000_000)
        guard perplexity.isFinite, perplexity > 0, perplexity <= 10_000 else {
            throw ValidationError("--perplexity must be above 0 and at most 10000, got \(perplexity)")
        }
        guard out.lowercased().hasSuffix(".png") || out.lowercased().hasSuffix(".svg") else {
            throw ValidationError("--out must name a .png or .svg file, got \"\(out)\"")
        }
        try FlagRange.checkThreads(threads)
        if let layer, runDirectory == nil { throw ValidationError("--layer \(layer) needs a run directory") }
    }

    func run() throws {
        try CommandFailure.reporting {
            Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let start = Date()
            let run = try runDirectory.map { try TrainedRun(directory: URL(fileURLWithPath: $0), requireGenerator: false) }
            if threads == nil, let run { Threads.set(run.configuration.threads) }
            let name = dataset ?? run?.configuration.dataset ?? "mnist"
            let splitName = DataSplit(rawValue: split)!
            let loaded = try run.map { try TrainingData.dataset(name, split: splitName, dataDirectory: dataDir, like: $0.configuration) }
                ?? DatasetCatalog().load(name, split: splitName, dataDirectory: dataDir)
            guard let all = loaded.images, case .images(_, let classNames) = loaded else {
                throw CommandFailure("data set \(name) holds points, not labelled images")
            }
            let images = all.subset(Array(0..<min(count, all.count)))
            let representation = try run.map { try $0.representation(named: layer) }
            let vectors = try featureVectors(of: images, dataset: name, features: runDirectory ?? "pixels", layer: layer).vectors
            let chosen = EmbeddingMethod(rawValue: method)!
            let map = try EmbeddingMap(vectors: vectors, labels: images.labels, method: chosen, perplexity: perplexity, seed: seed)
            let what = representation.map { "\($0.name) of \(URL(fileURLWithPath: runDirectory!).lastPathComponent)" } ?? "pixels"
            let title = "\(chosen == .pca ? "PCA" : "t-SNE") of \(images.count) \(name) \(split) images: \(what)"
            try map.plot(title: title, classNames: classNames).save(to: out)
            if let run, let representation {
                try map.writeAnalysis(in: run.directory, name: "embedding-\(representation.name)-\(chosen.rawValue)", title: title,
                                      classNames: classNames)
                try RunReport.write(run: run.directory)
            }
            let seconds = Date().timeIntervalSince(start)
            if json {
                Console.out(jsonObject([
                    ("run", runDirectory.map(jsonString) ?? "null"), ("dataset", jsonString(name)), ("split", jsonString(split)),
                    ("layer", representation.map { jsonString($0.name) } ?? "null"), ("method", jsonString(chosen.rawValue)),
                    ("points", "\(images.count)"), ("dimension", "\(vectors.shape[1])"),
                    ("perplexity", chosen == .tsne ? "\(perplexity)" : "null"),
                    ("kl_divergence", map.klDivergence.map { "\($0)" } ?? "null"), ("iterations", map.iterations.map(String.init) ?? "null"),
                    ("out", jsonString(out)), ("seconds", "\(seconds)"),
                ]))
            } else {
                Console.out("\(title): \(out)" + (map.klDivergence.map { String(format: " (KL divergence %.4f after \(map.iterations!) iterations)", $0) } ?? "")
                    + String(format: ", %.1f s", seconds))
            }
        }
    }
}
