import LatentNN

/// A named way a trained model scores how unusual each image of a batch is, higher meaning more anomalous:
/// an autoencoder's reconstruction error, a VAE's negative ELBO, a discriminator's doubt, an RBM's free
/// energy. `latent anomaly RUN --score NAME` looks them up by name in ``Trainable/anomalyScores``.
public struct AnomalyScore {
    /// The name users pick it by, such as `reconstruction`, `elbo` or `discriminator`.
    public let name: String
    /// One line saying what the score is, for listings and errors.
    public let summary: String
    private let body: (Tensor) -> Tensor

    /// The score `name`, described by `summary`, computing one score per image (`[N]`, or any shape with
    /// N values) from a batch of images with `body` (called in evaluation mode without history).
    public init(name: String, summary: String, _ body: @escaping (Tensor) -> Tensor) {
        self.name = name
        self.summary = summary
        self.body = body
    }

    /// The scores `[N]` of `x`, a batch of images as the data loader gives them in the model's scaling.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let scores = body(x)
        precondition(scores.count == x.shape[0],
                     "AnomalyScore \(name): expected one score per image (\(x.shape[0])), got shape \(scores.shape)")
        return scores.reshaped([x.shape[0]])
    }
}
