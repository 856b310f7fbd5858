import LatentData
import LatentNN

/// An autoencoder trained by one optimizer update per batch on the binary cross-entropy between its
/// reconstruction and the input, averaged over pixels (the loss Keras reports). With a noise factor it
/// is a denoising autoencoder: it sees `clamp(x + factor·ε, 0, 1)` with ε ~ N(0, 1) and reconstructs x.
public final class Autoencoder: Trainable, Evaluating, Reconstructing {
    public let network: AutoencoderNetwork
    public let optimizer: any Optimizer
    /// The standard deviation of the Gaussian noise added to the inputs (0: a plain autoencoder).
    public let noiseFactor: Float

    public init(network: AutoencoderNetwork, optimizer: any Optimizer, noiseFactor: Float = 0) {
        self.network = network
        self.optimizer = optimizer
        self.noiseFactor = noiseFactor
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        ["model": .module(network), "model_optimizer": .optimizer(optimizer, for: network)]
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("model", optimizer)] }

    public var modules: [(name: String, module: Module)] { [("model", network)] }

    /// One update on `real` (values in [0, 1]; labels unused). Logs `loss`, the mean per-pixel BCE.
    public func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome {
        let input = corrupted(real, generator: &generator)
        let (loss, grads) = valueAndGrad(of: network) { binaryCrossEntropy($0(input), real) }
        optimizer.update(network, with: grads)
        return StepOutcome(losses: ["loss": loss.item])
    }

    /// `val_loss`: the mean per-pixel BCE over every batch of `data` (noisy inputs for a denoising
    /// autoencoder, with noise from a fixed seed so that evaluations compare).
    public func evaluate(_ data: DataLoader) -> [String: Float] {
        var generator = RandomGenerator(seed: evaluationNoiseSeed)
        var total = 0.0, count = 0
        inEvaluationMode {
            for batch in data.epoch(0) {
                let x = batch.inputs
                total += Double(binaryCrossEntropy(network(corrupted(x, generator: &generator)), x, reduction: .sum).item)
                count += x.count
            }
        }
        return ["val_loss": Float(total / Double(Swift.max(count, 1)))]
    }

    /// The reconstructions of `x` (of noisy inputs for a denoising autoencoder, from a fixed seed).
    public func reconstruct(_ x: Tensor) -> Tensor {
        var generator = RandomGenerator(seed: evaluationNoiseSeed)
        return inEvaluationMode { network(corrupted(x, generator: &generator)) }
    }

    /// The noisy input a denoising autoencoder sees; `x` itself when the noise factor is 0.
    public func corrupted(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        guard noiseFactor > 0 else { return x }
        return (x + Tensor.randn(x.shape, generator: &generator) * noiseFactor).clamp(min: 0, max: 1)
    }
}
