import ArgumentParser
import Foundation
import LatentMetrics

/// `latent fit pca`: principal component analysis in Float64, saved as safetensors.
struct FitPCA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Fit a PCA (full or randomized SVD, Float64) and save it as safetensors.",
        discussion: "The file holds mean, components, explained_variance, explained_variance_ratio, singular_values "
            + "and noise_variance as scikit-learn's PCA names them; `latent fit gmm --pca FILE` applies it.")

    @OptionGroup var data: FitData

    @Option(help: "The number of principal components.")
    var nComponents = 2

    @Option(help: "The solver: full (eigendecomposition of the covariance) or randomized (Halko et al.).")
    var svdSolver = "full"

    @Flag(help: "Scale each component to unit variance in transform.")
    var whiten = false

    @Option(help: "The seed of the randomized solver.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Where to save the PCA.", valueName: "file.safetensors"))
    var out: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        try FlagRange.check(nComponents, "--n-components", in: 1...100_000)
        guard PCASolver(rawValue: svdSolver) != nil else {
            throw ValidationError("--svd-solver must be full or randomized, got \"\(svdSolver)\"")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            let (features, _, _) = try data.load()
            guard features.shape[0] >= 2 else { throw CommandFailure("PCA needs at least 2 samples, \(data.summary) has \(features.shape[0])") }
            guard nComponents <= min(features.shape[0], features.shape[1]) else {
                throw CommandFailure("--n-components \(nComponents) exceeds min(samples, features) = \(min(features.shape[0], features.shape[1])) of \(data.summary)")
            }
            let start = Date()
            let pca = try fitPCA(features, components: nComponents, whiten: whiten, solver: PCASolver(rawValue: svdSolver)!, seed: seed)
            let seconds = Date().timeIntervalSince(start)
            if let out { try pca.save(to: URL(fileURLWithPath: out)) }
            let ratio = pca.explainedVarianceRatio.reduce(0, +)
            if json {
                Console.out(jsonObject([
                    ("dataset", jsonString(data.dataset)), ("split", jsonString(data.split)), ("features", jsonString(data.features)),
                    ("layer", data.layer.map(jsonString) ?? "null"),
                    ("samples", "\(features.shape[0])"), ("dimension", "\(pca.dimension)"), ("n_components", "\(nComponents)"),
                    ("svd_solver", jsonString(svdSolver)), ("explained_variance_ratio", jsonNumbers(pca.explainedVarianceRatio)),
                    ("explained_variance_ratio_total", "\(ratio)"), ("explained_variance", jsonNumbers(pca.explainedVariance)),
                    ("seconds", "\(seconds)"), ("out", out.map(jsonString) ?? "null"),
                ]))
            } else {
                Console.out("PCA (\(nComponents) components, \(svdSolver) solver) of \(features.shape[0]) samples of \(data.summary):")
                Console.out("  explained variance ratio: \(String(format: "%.4f", ratio)) in all; first components "
                    + pca.explainedVarianceRatio.prefix(5).map { String(format: "%.4f", $0) }.joined(separator: ", "))
                Console.out("  \(String(format: "%.1f", seconds)) s" + (out.map { ", saved to \($0)" } ?? ""))
            }
        }
    }
}
