import LatentData
import LatentNN

/// A variational autoencoder trained by one optimizer update per batch on its negative ELBO.
public final class VAE: Trainable, Evaluating, Reconstructing, SampleGenerating {
    public let model: any VariationalNetwork
    public let optimizer: any Optimizer

    public init(model: any VariationalNetwork, optimizer: any Optimizer) {
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
        inEvaluationMode { model.decode(z) }
    }

    /// The decoder's probabilities at the posterior means of `x`.
    public func reconstruct(_ x: Tensor) -> Tensor {
        inEvaluationMode { model.decode(model.encode(x).mean) }
    }

    /// One update on `real` (values in [0, 1]; labels unused). Logs `loss`, the negative ELBO summed over
    /// the batch as optimized, and `neg_elbo_per_image`.
    public func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome {
        // The loss sums over the batch: in a data-parallel run, whose optimizers average the ranks' gradients,
        // each rank's part of the global sum counts once per rank.
        let ranks = DataParallel.group?.size ?? 1
        let (loss, grads) = valueAndGrad(of: model) { model in
            let shardLoss = model.loss(real, generator: &generator)
            return ranks == 1 ? shardLoss : shardLoss * Float(ranks)
        }
        optimizer.update(model, with: grads)
        let value = loss.item
        return StepOutcome(losses: ["loss": value], measurements: ["neg_elbo_per_image": value / Float(real.shape[0] * ranks)])
    }

    /// `val_loss`: the negative ELBO per image over every batch of `data`, with one reparameterised sample
    /// per image as pytorch/examples measures its test loss (noise from a fixed seed).
    public func evaluate(_ data: DataLoader) -> [String: Float] {
        var generator = RandomGenerator(seed: evaluationNoiseSeed)
        var total = 0.0, count = 0
        inEvaluationMode {
            for batch in data.epoch(0) {
                total += Double(model.loss(batch.inputs, generator: &generator).item)
                count += batch.inputs.shape[0]
            }
        }
        return ["val_loss": Float(total / Double(Swift.max(count, 1)))]
    }
}
