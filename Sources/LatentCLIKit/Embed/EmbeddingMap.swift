import Foundation
import LatentMetrics
import LatentNN
import LatentReport

/// How `latent embed` takes vectors down to two dimensions.
enum EmbeddingMethod: String, CaseIterable {
    /// The first two principal components.
    case pca
    /// Barnes–Hut t-SNE (van der Maaten 2014) as scikit-learn runs it.
    case tsne
}

/// Vectors mapped to the plane, one point per labelled image, and the scatter plot coloured by label.
struct EmbeddingMap {
    let method: EmbeddingMethod
    let points: [(x: Double, y: Double)]
    let labels: [Int]
    /// t-SNE's final KL divergence (nil for PCA).
    let klDivergence: Double?
    /// t-SNE's iterations (nil for PCA).
    let iterations: Int?

    /// The widest vectors that PCA maps with the exact solver, whose d×d covariance in Float64 takes 8·d² bytes
    /// (128 MiB at this width; 5 GiB for a PatchGAN's features of 64-pixel pairs).
    static let widestExactPCA = 4096

    /// The PCA solver for vectors of `dimension` values: exact up to `widestExactPCA`, randomized (memory that grows
    /// with N·d) beyond.
    static func pcaSolver(dimension: Int) -> PCASolver {
        dimension > widestExactPCA ? .randomized : .full
    }

    /// The map of `vectors` (`[N, d]`, one row per image labelled `labels`) by `method`; t-SNE with `perplexity`,
    /// both seeded by `seed`. Throws when there are too few vectors or one is not finite.
    init(vectors: Tensor, labels: [Int], method: EmbeddingMethod, perplexity: Double = 30, seed: UInt64 = 0) throws {
        let coordinates: [Double]
        switch method {
        case .pca:
            let projected = try fitPCA(vectors, components: min(2, vectors.shape[1]), solver: Self.pcaSolver(dimension: vectors.shape[1]),
                                       seed: seed).transform(vectors)
            let values = projected.withValues { $0.map(Double.init) }
            let width = projected.shape[1]
            coordinates = (0..<vectors.shape[0]).flatMap { [values[$0 * width], width > 1 ? values[$0 * width + 1] : 0] }
            (klDivergence, iterations) = (nil, nil)
        case .tsne:
            var settings = TSNESettings()
            settings.perplexity = perplexity
            settings.seed = seed
            let result = try fitTSNE(vectors, settings: settings)
            coordinates = result.embedding
            (klDivergence, iterations) = (result.klDivergence, result.iterations)
        }
        self.method = method
        points = (0..<labels.count).map { (coordinates[2 * $0], coordinates[2 * $0 + 1]) }
        self.labels = labels
    }

    /// The scatter plot titled `title`, one colour per label, each named from `classNames` (the label when none).
    func plot(title: String, classNames: [String]) -> ScatterPlot {
        let classes = Set(labels).sorted()
        let series = classes.map { label in
            ScatterPlot.Series(name: label < classNames.count ? classNames[label] : String(label),
                               points: zip(points, labels).filter { $0.1 == label }.map(\.0))
        }
        return ScatterPlot(title: title, series: series)
    }

    /// Writes the plot as `map.svg` and `map.png` with an `analysis.json` into the run's analysis called `name`,
    /// for its report.
    func writeAnalysis(in run: URL, name: String, title: String, classNames: [String]) throws {
        let folder = RunAnalysis.folder(named: name, in: run)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let scatter = plot(title: title, classNames: classNames)
        try scatter.save(to: folder.appendingPathComponent("map.svg").path)
        try scatter.save(to: folder.appendingPathComponent("map.png").path)
        var facts = [RunAnalysis.Fact("method", method == .pca ? "PCA (first two components)" : "t-SNE (Barnes–Hut)"),
                     RunAnalysis.Fact("points", "\(points.count)")]
        if let klDivergence { facts.append(.init("final KL divergence", String(format: "%.4f", klDivergence))) }
        if let iterations { facts.append(.init("iterations", "\(iterations)")) }
        try RunAnalysis(title: title, facts: facts, figures: [.init(file: "map.svg", caption: "coloured by label")]).write(to: folder)
    }
}
