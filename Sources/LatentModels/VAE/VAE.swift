import LatentNN

/// A variational autoencoder trained by one optimizer update per batch on its negative ELBO.
public final class VAE: Trainable, SampleGenerating {
    public let model: MLPVAE
    public let optimizer: any Optimizer

    public init(model: MLPVAE, optimizer: any Optimizer) {
        self.model = model
        self.optimizer = optimizer
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        ["model": .module(model), "model_optimizer": .optimizer(optimizer, for: model)]
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("model", optimizer)] }

    public var modules: [(name: String, module: Module)] { [("model", model)] }

    public var latentShape: [Int] { [model.latentSize] }

    /// The decoder's probabilities for latent codes `z` of shape `[count, latentSize]`, without history.
    public func generate(_ z: Tensor) -> Tensor {
        withoutGrad { model.decode(z) }
    }

    /// One update on `real` (labels unused; flattened to `[batch, values]`, values in [0, 1]). Logs `loss`, the
    /// negative ELBO summed over the batch as optimized, and `neg_elbo_per_image`.
    public func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome {
        let x = real.rank == 2 ? real : real.flattened()
        let (loss, grads) = valueAndGrad(of: model) { $0.loss(x, generator: &generator) }
        optimizer.update(model, with: grads)
        let value = loss.item
        return StepOutcome(losses: ["loss": value], measurements: ["neg_elbo_per_image": value / Float(x.shape[0])])
    }
}
