import LatentNN

/// The networks of the benchmark, as specified in issue #2 and in Benchmarks/pytorch_bench.py.
enum Architectures {
    static let latentSize = 100

    static func mlpGenerator() -> Sequential {
        Sequential(Linear(latentSize, 128), LeakyReLU(negativeSlope: 0.01), Linear(128, 784), Tanh())
    }

    static func mlpDiscriminator() -> Sequential {
        Sequential(Linear(784, 128), LeakyReLU(negativeSlope: 0.01), Linear(128, 1), Sigmoid())
    }

    static func mnistGenerator() -> Sequential {
        Sequential(
            Linear(latentSize, 128 * 7 * 7, bias: false), BatchNorm1d(128 * 7 * 7), ReLU(),
            Unflatten(dim: 1, unflattenedSize: [128, 7, 7]),
            ConvTranspose2d(128, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 1, kernelSize: 4, stride: 2, padding: 1), Tanh())
    }

    /// The DCGAN MNIST discriminator; WGAN-GP's critic drops the batch normalization.
    static func mnistDiscriminator(batchNorm: Bool = true) -> Sequential {
        let middle: [any Layer] = batchNorm
            ? [Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128)]
            : [Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1)]
        return Sequential(
            [Conv2d(1, 64, kernelSize: 4, stride: 2, padding: 1), LeakyReLU(negativeSlope: 0.2)] + middle
                + [LeakyReLU(negativeSlope: 0.2), Flatten(), Linear(128 * 7 * 7, 1)])
    }

    static func generator32() -> Sequential {
        Sequential(
            ConvTranspose2d(latentSize, 256, kernelSize: 4, stride: 1, padding: 0, bias: false), BatchNorm2d(256), ReLU(),
            ConvTranspose2d(256, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128), ReLU(),
            ConvTranspose2d(128, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 3, kernelSize: 4, stride: 2, padding: 1, bias: false), Tanh())
    }

    static func discriminator32() -> Sequential {
        Sequential(
            Conv2d(3, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), LeakyReLU(negativeSlope: 0.2),
            Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128), LeakyReLU(negativeSlope: 0.2),
            Conv2d(128, 256, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(256), LeakyReLU(negativeSlope: 0.2),
            Conv2d(256, 1, kernelSize: 4, stride: 1, padding: 0, bias: false), Flatten())
    }
}

/// The VAE of the benchmark: 784-400-(20, 20) encoder, 20-400-784 decoder.
final class MLPVAE: Module {
    let fc1 = Linear(784, 400)
    let fc21 = Linear(400, 20)
    let fc22 = Linear(400, 20)
    let fc3 = Linear(20, 400)
    let fc4 = Linear(400, 784)

    /// The negative ELBO summed over the batch: reconstruction BCE plus the Gaussian KL term.
    func loss(_ x: Tensor) -> Tensor {
        let hidden = fc1(x).relu()
        let mean = fc21(hidden), logVariance = fc22(hidden)
        let noise = Tensor.randn(mean.shape)
        let z = mean + noise * (logVariance * 0.5).exp()
        let reconstruction = fc4(fc3(z).relu()).sigmoid()
        return binaryCrossEntropy(reconstruction, x, reduction: .sum)
            + gaussianKLDivergence(mean: mean, logVariance: logVariance)
    }
}
