import LatentNN

/// The DCGAN of Radford et al. for 32×32 colour images (CIFAR-10), as in the PyTorch DCGAN example
/// with one fewer layer: noise `[batch, 100, 1, 1]` to `[batch, 3, 32, 32]`, and a discriminator
/// that returns logits.
public enum DCGAN32 {
    /// The number of channels of the generator's noise input.
    public static let latentSize = 100

    /// The generator: `[batch, latentSize, 1, 1]` noise to `[batch, 3, 32, 32]` images in [−1, 1].
    public static func generator(latentSize: Int = latentSize) -> Sequential {
        Sequential(
            ConvTranspose2d(latentSize, 256, kernelSize: 4, stride: 1, padding: 0, bias: false), BatchNorm2d(256), ReLU(),
            ConvTranspose2d(256, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128), ReLU(),
            ConvTranspose2d(128, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 3, kernelSize: 4, stride: 2, padding: 1, bias: false), Tanh())
    }

    /// The discriminator: `[batch, 3, 32, 32]` images to `[batch, 1]` logits.
    public static func discriminator() -> Sequential {
        Sequential(
            Conv2d(3, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), LeakyReLU(negativeSlope: 0.2),
            Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128), LeakyReLU(negativeSlope: 0.2),
            Conv2d(128, 256, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(256), LeakyReLU(negativeSlope: 0.2),
            Conv2d(256, 1, kernelSize: 4, stride: 1, padding: 0, bias: false), Flatten())
    }
}
