import LatentNN

/// The DCGAN for 28×28 MNIST images as InfoGAN's MNIST experiments shape it (Chen et al. 2016): a generator
/// from 100 noise values through a fully connected hidden layer, a 128×7×7 map and two transposed
/// convolutions, and a two-convolution discriminator with a fully connected hidden layer that returns logits.
/// A hidden size of 0 leaves both hidden layers out (the smaller nets of many DCGAN-MNIST tutorials).
public enum DCGANMNIST {
    /// The length of the generator's noise vector.
    public static let latentSize = 100
    /// The units of the fully connected hidden layer in each network.
    public static let hiddenSize = 1024

    /// The generator: `[batch, latentSize]` noise to `[batch, 1, 28, 28]` images in [−1, 1].
    public static func generator(latentSize: Int = latentSize, hiddenSize: Int = hiddenSize) -> Sequential {
        let hidden: [any Layer] = hiddenSize > 0
            ? [Linear(latentSize, hiddenSize, bias: false), BatchNorm1d(hiddenSize), ReLU()] : []
        return Sequential(hidden + [
            Linear(hiddenSize > 0 ? hiddenSize : latentSize, 128 * 7 * 7, bias: false), BatchNorm1d(128 * 7 * 7), ReLU(),
            Unflatten(dim: 1, unflattenedSize: [128, 7, 7]),
            ConvTranspose2d(128, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 1, kernelSize: 4, stride: 2, padding: 1), Tanh()])
    }

    /// The discriminator: `[batch, 1, 28, 28]` images to `[batch, 1]` scores. Critics leave out the batch
    /// normalization (`batchNorm: false`); `spectralNorm` wraps every convolution and linear layer in
    /// `SpectralNorm` (SN-GAN, no batch norm then); `comparison`'s layers come before the last layer.
    public static func discriminator(
        hiddenSize: Int = hiddenSize, batchNorm: Bool = true, spectralNorm: Bool = false,
        comparison: BatchComparison = BatchComparison()
    ) -> Sequential {
        func normalized<L: Layer>(_ layer: L) -> any Layer { spectralNorm ? SpectralNorm(wrapping: layer) : layer }
        let useBatchNorm = batchNorm && !spectralNorm
        let middle: [any Layer] = useBatchNorm
            ? [Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128)]
            : [normalized(Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1))]
        let hidden: [any Layer] = hiddenSize == 0 ? [] : [Flatten()]
            + (useBatchNorm
                ? [Linear(128 * 7 * 7, hiddenSize, bias: false), BatchNorm1d(hiddenSize)]
                : [normalized(Linear(128 * 7 * 7, hiddenSize))])
            + [LeakyReLU(negativeSlope: 0.2)]
        let (compare, size) = comparison.layers(features: hiddenSize > 0 ? [hiddenSize] : [128, 7, 7])
        return Sequential(
            [normalized(Conv2d(1, 64, kernelSize: 4, stride: 2, padding: 1)), LeakyReLU(negativeSlope: 0.2)] + middle
                + [LeakyReLU(negativeSlope: 0.2)] + hidden + compare + [normalized(Linear(size, 1))])
    }

    /// `network` with its layers initialized as the DCGAN paper prescribes: convolution and linear weights
    /// from N(0, 0.02), batch-norm scales from N(1, 0.02), biases 0 (drawn from `GlobalRandom`). Layers wrapped
    /// in spectral norm keep their initialization.
    public static func initialized(_ network: Sequential) -> Sequential {
        for layer in network.layers {
            switch layer {
            case let linear as Linear: initialize(weight: linear.weight, bias: linear.bias)
            case let conv as Conv2d: initialize(weight: conv.weight, bias: conv.bias)
            case let conv as ConvTranspose2d: initialize(weight: conv.weight, bias: conv.bias)
            case let norm as BatchNorm:
                if let weight = norm.weight { Init.normal(weight, mean: 1, std: 0.02) }
                if let bias = norm.bias { Init.zeros(bias) }
            default: break
            }
        }
        return network
    }

    private static func initialize(weight: Tensor, bias: Tensor?) {
        Init.normal(weight, mean: 0, std: 0.02)
        if let bias { Init.zeros(bias) }
    }
}
