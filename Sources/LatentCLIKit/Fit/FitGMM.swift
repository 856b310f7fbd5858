import ArgumentParser
import Foundation
import LatentMetrics
import LatentNN

/// `latent fit gmm`: a Gaussian mixture fitted by EM, scored by likelihood and against labels.
struct FitGMM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gmm",
        abstract: "Fit a Gaussian mixture by EM (k-means++ starts, Float64) and report its likelihood, BIC and AIC.",
        discussion: "Options and defaults are scikit-learn's GaussianMixture's. With labels, the mixture's assignment "
            + "is scored like `latent cluster` (accuracy under the best matching, NMI, ARI).")

    @OptionGroup var data: FitData

    @Option(help: ArgumentHelp("Apply the PCA saved by `latent fit pca --out` to the features first.", valueName: "file.safetensors"))
    var pca: String?

    @Option(help: "The number of mixture components.")
    var nComponents = 10

    @Option(help: "The covariance of each component: full, diag or spherical.")
    var covarianceType = "full"

    @Option(help: "EM runs from different k-means starts; the one with the highest likelihood is kept.")
    var nInit = 1

    @Option(help: "The most EM iterations per run.")
    var maxIter = 100

    @Option(help: "Stop when the mean log-likelihood per sample changes by less than this.")
    var tol = 1e-3

    @Option(help: "Added to each covariance's diagonal so that it stays positive definite.")
    var regCovar = 1e-6

    @Option(help: "The seed of the k-means starts.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Where to save the mixture.", valueName: "file.safetensors"))
    var out: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        try FlagRange.check(nComponents, "--n-components", in: 1...10_000)
        guard CovarianceType(rawValue: covarianceType) != nil else {
            throw ValidationError("--covariance-type must be full, diag or spherical, got \"\(covarianceType)\"")
        }
        try FlagRange.check(nInit, "--n-init", in: 1...1000)
        try FlagRange.check(maxIter, "--max-iter", in: 1...100_000)
        guard tol.isFinite, (0...1e6).contains(tol) else { throw ValidationError("--tol must be between 0 and 1e6, got \(tol)") }
        guard regCovar.isFinite, (0...1e6).contains(regCovar) else {
            throw ValidationError("--reg-covar must be between 0 and 1e6, got \(regCovar)")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            var (features, labels, classCount) = try data.load()
            if let pca { features = try PrincipalComponents.load(from: URL(fileURLWithPath: pca)).transform(features) }
            guard features.shape[0] >= nComponents else {
                throw CommandFailure("--n-components \(nComponents) exceeds the \(features.shape[0]) samples of \(data.summary)")
            }
            let start = Date()
            let fit = try fitGaussianMixture(
                features, components: nComponents, covarianceType: CovarianceType(rawValue: covarianceType)!, tolerance: tol,
                regCovar: regCovar, maxIterations: maxIter, nInit: nInit, seed: seed)
            let seconds = Date().timeIntervalSince(start)
            if let out { try fit.model.save(to: URL(fileURLWithPath: out)) }
            let logLikelihood = try fit.model.score(features)
            var scores: [(String, Double)] = [("log_likelihood", logLikelihood), ("bic", try fit.model.bic(features)),
                                              ("aic", try fit.model.aic(features))]
            if classCount > 1 {
                scores += [("accuracy", try clusteringAccuracy(predicted: fit.labels, truth: labels)),
                           ("nmi", try normalizedMutualInformation(labels, fit.labels)),
                           ("ari", try adjustedRandIndex(labels, fit.labels))]
            }
            if json {
                Console.out(jsonObject(scores.map { ($0.0, "\($0.1)") } + [
                    ("dataset", jsonString(data.dataset)), ("split", jsonString(data.split)), ("features", jsonString(data.features)),
                    ("layer", data.layer.map(jsonString) ?? "null"),
                    ("pca", pca.map(jsonString) ?? "null"), ("samples", "\(features.shape[0])"), ("dimension", "\(features.shape[1])"),
                    ("n_components", "\(nComponents)"), ("covariance_type", jsonString(covarianceType)),
                    ("iterations", "\(fit.iterations)"), ("converged", "\(fit.converged)"), ("seconds", "\(seconds)"),
                    ("out", out.map(jsonString) ?? "null"),
                ]))
            } else {
                Console.out("Gaussian mixture (\(nComponents) \(covarianceType) components, \(nInit) runs) of \(features.shape[0]) samples of \(data.summary)"
                    + (pca.map { " through \($0)" } ?? "") + ":")
                for (name, value) in scores { Console.out("  \(name): \(String(format: "%.4f", value))") }
                Console.out("  \(fit.iterations) EM iterations, " + (fit.converged ? "converged" : "not converged")
                    + ", \(String(format: "%.1f", seconds)) s" + (out.map { ", saved to \($0)" } ?? ""))
            }
        }
    }
}
