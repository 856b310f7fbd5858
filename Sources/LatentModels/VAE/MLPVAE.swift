import LatentNN

/// The VAE of pytorch/examples: a 784-400-(20, 20) encoder to the mean and log-variance of a Gaussian
/// posterior, and a 20-400-784 decoder to Bernoulli probabilities. Inputs are `[batch, inputSize]`
/// values in [0, 1].
public final class MLPVAE: Module {
    let fc1: Linear
    let fc21: Linear
    let fc22: Linear
    let fc3: Linear
    let fc4: Linear
    /// The dimension of the latent space.
    public let latentSize: Int

    /// A VAE for `inputSize` values with a `latentSize`-dimensional latent space.
    public init(inputSize: Int = 784, hiddenSize: Int = 400, latentSize: Int = 20) {
        fc1 = Linear(inputSize, hiddenSize)
        fc21 = Linear(hiddenSize, latentSize)
        fc22 = Linear(hiddenSize, latentSize)
        fc3 = Linear(latentSize, hiddenSize)
        fc4 = Linear(hiddenSize, inputSize)
        self.latentSize = latentSize
        super.init()
    }

    /// The negative ELBO summed over the batch: reconstruction BCE plus the Gaussian KL term, with one
    /// reparameterised sample of the latent code per input (noise from `generator`).
    public func loss(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        let hidden = fc1(x).relu()
        let mean = fc21(hidden), logVariance = fc22(hidden)
        let noise = Tensor.randn(mean.shape, generator: &generator)
        let z = mean + noise * (logVariance * 0.5).exp()
        let reconstruction = decode(z)
        return binaryCrossEntropy(reconstruction, x, reduction: .sum)
            + gaussianKLDivergence(mean: mean, logVariance: logVariance)
    }

    /// The decoder's Bernoulli probabilities for latent codes `z` of shape `[batch, latentSize]`.
    public func decode(_ z: Tensor) -> Tensor {
        fc4(fc3(z).relu()).sigmoid()
    }
}
