import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// Where `latent anomaly` gets its scores (higher: more anomalous): a trained run's own score (an autoencoder's
/// reconstruction error, a VAE's negative ELBO, a discriminator's doubt), or `gmm`, the negative log-likelihood
/// under a Gaussian mixture fitted to the normal training images' codes (a run's representation) or, without a
/// run, to the principal components of their pixels.
struct AnomalyScorer {
    /// The score's name, such as `reconstruction` or `gmm`.
    let name: String
    /// What the score is, in a line.
    let summary: String
    /// How the images are scaled for it.
    let scaling: PixelScaling
    private let body: (Tensor) throws -> [Double]

    /// The scores of `images` (as the data set holds them), one per image, computed `batchSize` at a time.
    func scores(of images: ImageDataset) throws -> [Double] {
        let inputs = images.images(scaling: scaling)
        var scores: [Double] = []
        scores.reserveCapacity(images.count)
        for start in stride(from: 0, to: images.count, by: Self.batchSize) {
            scores += try body(inputs.slice(axis: 0, range: start..<min(start + Self.batchSize, images.count)))
        }
        return scores
    }

    /// Images per pass through a model.
    static let batchSize = 500

    /// The name of the score fitted to the normal training images rather than offered by a model.
    static let mixture = "gmm"

    /// The mixture's settings.
    struct MixtureSettings {
        /// Gaussian components.
        var components = 1
        /// Principal components of the pixels the mixture is fitted to, without a run.
        var pixelComponents = 50
        /// The seed of its k-means++ start.
        var seed: UInt64 = 0
    }

    /// The scorer `score` (the run's first when nil, or `gmm` without a run) of `run`, fitting a mixture to
    /// `normalTraining()` (the normal classes' training images) for `gmm`, to the run's representation `layer`
    /// (its first when nil). Throws listing the scores the run has when it has none called `score`.
    static func make(
        run: TrainedRun?, score: String?, layer: String?, mixture: MixtureSettings, normalTraining: () throws -> ImageDataset
    ) throws -> AnomalyScorer {
        if let layer, score != Self.mixture {
            throw CommandFailure("--layer \(layer) chooses the codes of --score gmm, not of --score \(score ?? "(the run's default)")")
        }
        guard let run else {
            guard score == nil || score == Self.mixture else {
                throw CommandFailure("--score \(score!) needs a run directory; without one the only score is gmm (a Gaussian mixture on the pixels' principal components)")
            }
            return try pixelMixture(normalTraining(), settings: mixture)
        }
        let offered = run.model.anomalyScores
        let chosen = score ?? offered.first?.name ?? Self.mixture
        if chosen == Self.mixture {
            let representation = try run.representation(named: layer)
            return try codeMixture(run: run, representation: representation, training: normalTraining(), settings: mixture)
        }
        guard let found = offered.first(where: { $0.name == chosen }) else {
            var listing = offered.map { "\($0.name) (\($0.summary))" }
            if !run.model.representations.isEmpty { listing.append("gmm (a Gaussian mixture on its codes)") }
            throw CommandFailure("model \(run.entry.name) of \(run.directory.path) has no anomaly score \"\(chosen)\"; "
                + (listing.isEmpty ? "it scores no images" : "it has " + listing.joined(separator: ", ")))
        }
        return AnomalyScorer(name: found.name, summary: found.summary, scaling: run.entry.scaling) { x in
            found(x).withValues { $0.map(Double.init) }
        }
    }

    /// The negative log-likelihood under a mixture fitted to the codes `representation` gives the training images.
    private static func codeMixture(
        run: TrainedRun, representation: Representation, training: ImageDataset, settings: MixtureSettings
    ) throws -> AnomalyScorer {
        let mixture = try fitMixture(representation.encode(training.images(scaling: run.entry.scaling)), settings)
        return AnomalyScorer(
            name: Self.mixture, summary: "negative log-likelihood under a \(settings.components)-component Gaussian mixture of the \(representation.name) codes",
            scaling: run.entry.scaling) { x in try mixture.logLikelihoods(representation.encode(x)).map { -$0 } }
    }

    /// The negative log-likelihood under a mixture fitted to the principal components of the training pixels.
    private static func pixelMixture(_ training: ImageDataset, settings: MixtureSettings) throws -> AnomalyScorer {
        let pixels = training.images(scaling: .zeroToOne).flattened()
        let components = min(settings.pixelComponents, training.count - 1, pixels.shape[1])
        let pca = try fitPCA(pixels, components: components, solver: .randomized, seed: settings.seed)
        let mixture = try fitMixture(try pca.transform(pixels), settings)
        return AnomalyScorer(
            name: Self.mixture, summary: "negative log-likelihood under a \(settings.components)-component Gaussian mixture of the pixels' \(components) principal components",
            scaling: .zeroToOne) { x in try mixture.logLikelihoods(try pca.transform(x.flattened())).map { -$0 } }
    }

    private static func fitMixture(_ features: Tensor, _ settings: MixtureSettings) throws -> GaussianMixture {
        guard features.shape[0] >= settings.components else {
            throw CommandFailure("--components \(settings.components) exceeds the \(features.shape[0]) normal training images")
        }
        return try fitGaussianMixture(features, components: settings.components, covarianceType: .full, regCovar: 1e-4, seed: settings.seed).model
    }
}
