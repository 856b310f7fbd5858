import LatentNN

/// BiGAN's networks for 28×28 digits: the fully connected ones of Donahue et al. 2017's permutation-invariant
/// MNIST experiments (1024-unit hidden layers, 50-value codes) and a convolutional variant on DCGAN-MNIST's nets.
public enum BiGANMNIST {
    /// The size of the code z.
    public static let codeSize = 50
    /// The units of every fully connected hidden layer.
    public static let hiddenSize = 1024

    /// The two architectures.
    public enum Architecture: String, CaseIterable, Sendable {
        /// Fully connected networks that never see the pixels' layout (permutation-invariant MNIST).
        case mlp
        /// DCGAN-MNIST's convolutional generator and, for the encoder and D's image part, its discriminator's trunk.
        case conv
    }

    /// The generator: `[N, codeSize]` codes to `[N, 1, 28, 28]` images in [−1, 1].
    public static func generator(_ architecture: Architecture, codeSize: Int = codeSize) -> Sequential {
        switch architecture {
        case .mlp:
            DCGANMNIST.initialized(Sequential(
                Linear(codeSize, hiddenSize, bias: false), BatchNorm1d(hiddenSize), ReLU(),
                Linear(hiddenSize, hiddenSize, bias: false), BatchNorm1d(hiddenSize), ReLU(),
                Linear(hiddenSize, 784), Tanh(), Unflatten(dim: 1, unflattenedSize: [1, 28, 28])))
        case .conv:
            DCGANMNIST.initialized(DCGANMNIST.generator(latentSize: codeSize))
        }
    }

    /// The encoder: `[N, 1, 28, 28]` images to `[N, codeSize]` codes.
    public static func encoder(_ architecture: Architecture, codeSize: Int = codeSize) -> Sequential {
        switch architecture {
        case .mlp:
            DCGANMNIST.initialized(Sequential(
                Flatten(), Linear(784, hiddenSize), LeakyReLU(negativeSlope: 0.2),
                Linear(hiddenSize, hiddenSize, bias: false), BatchNorm1d(hiddenSize), LeakyReLU(negativeSlope: 0.2),
                Linear(hiddenSize, codeSize)))
        case .conv:
            DCGANMNIST.initialized(Sequential(convolutionalTrunk(batchNorm: true) + [Linear(DCGANMNIST.hiddenSize, codeSize)]))
        }
    }

    /// The joint discriminator D(x, z).
    public static func discriminator(_ architecture: Architecture, codeSize: Int = codeSize) -> JointDiscriminator {
        let image: Sequential, code: Sequential, joint: Sequential
        switch architecture {
        case .mlp:
            image = Sequential(Flatten())
            code = Sequential(Identity())
            joint = Sequential(
                Linear(784 + codeSize, hiddenSize), LeakyReLU(negativeSlope: 0.2),
                Linear(hiddenSize, hiddenSize), LeakyReLU(negativeSlope: 0.2))
        case .conv:
            image = Sequential(convolutionalTrunk(batchNorm: false))
            code = Sequential(Linear(codeSize, 512), LeakyReLU(negativeSlope: 0.2))
            joint = Sequential(Linear(DCGANMNIST.hiddenSize + 512, hiddenSize), LeakyReLU(negativeSlope: 0.2))
        }
        let output = Linear(hiddenSize, 1)
        for network in [image, code, joint, Sequential(output)] { _ = DCGANMNIST.initialized(network) }
        return JointDiscriminator(image: image, code: code, joint: joint, output: output)
    }

    /// DCGAN-MNIST's discriminator without its last layer: images to 1024 features.
    private static func convolutionalTrunk(batchNorm: Bool) -> [any Layer] {
        Array(DCGANMNIST.discriminator(batchNorm: batchNorm).layers.dropLast())
    }
}
