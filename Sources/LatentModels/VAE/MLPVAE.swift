import LatentNN

/// The VAE of pytorch/examples: a 784-400-(20, 20) encoder to the mean and log-variance of a Gaussian
/// posterior, and a 20-400-784 decoder to Bernoulli probabilities. Takes images of `inputShape`
/// (or already flattened inputs) with values in [0, 1].
public final class MLPVAE: Module, VariationalNetwork {
    let fc1: Linear
    let fc21: Linear
    let fc22: Linear
    let fc3: Linear
    let fc4: Linear
    public let latentSize: Int
    /// The shape of one input image; decoded samples have it.
    public let inputShape: [Int]

    /// A VAE for images of `inputShape` with a `latentSize`-dimensional latent space.
    public init(inputShape: [Int] = [1, 28, 28], hiddenSize: Int = 400, latentSize: Int = 20) {
        let inputSize = inputShape.reduce(1, *)
        fc1 = Linear(inputSize, hiddenSize)
        fc21 = Linear(hiddenSize, latentSize)
        fc22 = Linear(hiddenSize, latentSize)
        fc3 = Linear(latentSize, hiddenSize)
        fc4 = Linear(hiddenSize, inputSize)
        self.latentSize = latentSize
        self.inputShape = inputShape
        super.init()
    }

    public func encode(_ x: Tensor) -> (mean: Tensor, logVariance: Tensor) {
        let hidden = fc1(x.rank == 2 ? x : x.flattened()).relu()
        return (fc21(hidden), fc22(hidden))
    }

    public func decode(_ z: Tensor) -> Tensor {
        fc4(fc3(z).relu()).sigmoid().reshaped([z.shape[0]] + inputShape)
    }
}
