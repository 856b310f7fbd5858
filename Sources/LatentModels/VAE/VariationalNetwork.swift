import LatentNN

/// A VAE's network: an encoder to the mean and log-variance of a Gaussian posterior over a latent
/// code, and a decoder from a code to Bernoulli probabilities in [0, 1].
public protocol VariationalNetwork: Module {
    /// The dimension of the latent space.
    var latentSize: Int { get }
    /// The posterior's mean and log-variance for inputs `x`, each `[batch, latentSize]`.
    func encode(_ x: Tensor) -> (mean: Tensor, logVariance: Tensor)
    /// The decoder's probabilities for latent codes `z` of shape `[batch, latentSize]`, shaped as the inputs.
    func decode(_ z: Tensor) -> Tensor
}

extension VariationalNetwork {
    /// The negative ELBO summed over the batch: reconstruction BCE plus the Gaussian KL term, with one
    /// reparameterised sample of the latent code per input (noise from `generator`).
    public func loss(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        let (mean, logVariance) = encode(x)
        let noise = Tensor.randn(mean.shape, generator: &generator)
        let reconstruction = decode(mean + noise * (logVariance * 0.5).exp()).reshaped(x.shape)
        return binaryCrossEntropy(reconstruction, x, reduction: .sum)
            + gaussianKLDivergence(mean: mean, logVariance: logVariance)
    }
}
