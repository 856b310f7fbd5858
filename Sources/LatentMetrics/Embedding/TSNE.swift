import Foundation
import LatentNN

/// The settings of t-SNE, named and defaulted as scikit-learn's `TSNE` with `method="barnes_hut"`.
public struct TSNESettings: Sendable {
    /// The effective number of neighbours each point's Gaussian covers.
    public var perplexity = 30.0
    /// The factor on P during the first 250 iterations.
    public var earlyExaggeration = 12.0
    /// The step size; nil for scikit-learn's "auto", max(N / earlyExaggeration / 4, 50).
    public var learningRate: Double?
    /// The most iterations in all (at least 250, the exaggerated ones).
    public var maxIterations = 1000
    /// The Barnes–Hut angle θ: cells seen under a smaller angle act as one point (0: exact, O(N²)).
    public var angle = 0.5
    /// Stop when the gradient's norm falls below this.
    public var minGradNorm = 1e-7
    /// Stop when the KL divergence, checked every 50 iterations, has not improved for this many.
    public var iterationsWithoutProgress = 300
    /// The seed of the randomized PCA of the initial embedding.
    public var seed: UInt64 = 0

    /// scikit-learn's defaults.
    public init() {}
}

/// A 2-D t-SNE embedding and how well it keeps the neighbourhoods.
public struct TSNEResult: Sendable {
    /// The embedding, `[N, 2]` row-major: `[y_0x, y_0y, y_1x, …]`.
    public let embedding: [Double]
    /// KL(P ‖ Q) at the end, with Q's normalisation estimated as the optimisation does (Barnes–Hut), as
    /// scikit-learn's `kl_divergence_`.
    public let klDivergence: Double
    /// The iterations run.
    public let iterations: Int
}

/// The t-SNE embedding in two dimensions of the rows of `features` (`[N, D]`, N ≥ 2), as scikit-learn's `TSNE`
/// (van der Maaten 2014: Barnes–Hut, perplexity over the ⌊3·perplexity + 1⌋ nearest neighbours): initialised with
/// the first two principal components scaled to a standard deviation of 1e-4 along the first, then 250 iterations
/// of gradient descent with momentum 0.5 on the exaggerated P and the rest with momentum 0.8, with per-coordinate
/// gains (+0.2 when the gradient changes sign, ×0.8 otherwise, at least 0.01).
///
/// Throws `MetricError` for fewer than 3 samples, a value that is not finite, or settings out of range.
public func fitTSNE(_ features: Tensor, settings: TSNESettings = TSNESettings()) throws -> TSNEResult {
    let metric = "t-SNE"
    let samples = try SampleMatrix(features, metric: metric, minimumCount: 3, reason: "a neighbourhood needs two other points")
    let n = samples.count
    guard settings.perplexity.isFinite, settings.perplexity > 0, settings.perplexity < Double(n) else {
        throw MetricError.invalidInput(metric: metric, problem: "perplexity \(settings.perplexity) must be positive and below the \(n) samples")
    }
    guard settings.maxIterations >= TSNEOptimizer.exaggeratedIterations, settings.angle >= 0, settings.angle <= 1,
          settings.earlyExaggeration > 0, settings.learningRate.map({ $0 > 0 && $0.isFinite }) ?? true else {
        throw MetricError.invalidInput(metric: metric, problem: "max_iter must be at least \(TSNEOptimizer.exaggeratedIterations), angle in [0, 1], early exaggeration and learning rate positive")
    }
    let affinities = TSNEAffinities(samples, perplexity: settings.perplexity)
    let initial = try initialEmbedding(features, seed: settings.seed)
    var optimizer = TSNEOptimizer(objective: TSNEObjective(affinities: affinities), settings: settings, count: n)
    return optimizer.run(from: initial)
}

/// The first two principal components of `features`, scaled so that the first has standard deviation 1e-4.
private func initialEmbedding(_ features: Tensor, seed: UInt64) throws -> [Double] {
    let projected = try fitPCA(features, components: 2, solver: .randomized, seed: seed).transform(features)
    let values = projected.withValues { $0.map(Double.init) }
    let first = stride(from: 0, to: values.count, by: 2).map { values[$0] }
    let mean = first.reduce(0, +) / Double(first.count)
    let deviation = (first.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(first.count)).squareRoot()
    let scale = deviation > 0 ? 1e-4 / deviation : 1
    return values.map { $0 * scale }
}
