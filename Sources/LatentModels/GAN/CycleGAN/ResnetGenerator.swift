import LatentNN

/// CycleGAN's image-to-image generator (Zhu et al. 2017, after Johnson et al. 2016), as the official
/// `ResnetGenerator`: a 7×7 convolution on the reflection-padded input, two stride-2 convolutions down,
/// `blockCount` residual blocks, two stride-2 transposed convolutions up and a 7×7 convolution to a tanh,
/// with instance normalization (no affine transform) and ReLU between; saved as `model.N.…`. Height and
/// width must be multiples of 4. Reads the images to translate as `latent.noise`.
public final class ResnetGenerator: Module, GeneratorNetwork {
    /// The layers, in the official order.
    public let model: Sequential

    /// A generator from `inputChannels` to `outputChannels` images with `ngf` filters in its first layer
    /// and `blockCount` residual blocks (6 for 128 px, 9 for 256 px in the paper), its convolution weights
    /// drawn from N(0, 0.02) and biases zero, as the official `init_weights`.
    public init(inputChannels: Int, outputChannels: Int, ngf: Int = 64, blockCount: Int = 9) {
        precondition(inputChannels > 0 && outputChannels > 0 && ngf > 0 && blockCount >= 0,
                     "ResnetGenerator: channels and ngf must be positive and blocks not negative, got \(inputChannels), \(outputChannels), \(ngf), \(blockCount)")
        var layers: [any Layer] = [ReflectionPad2d(3), Conv2d(inputChannels, ngf, kernelSize: 7), InstanceNorm2d(ngf), ReLU()]
        for level in 0..<2 {
            let width = ngf << level
            layers += [Conv2d(width, 2 * width, kernelSize: 3, stride: 2, padding: 1), InstanceNorm2d(2 * width), ReLU()]
        }
        layers += (0..<blockCount).map { _ in ResnetBlock(ngf * 4) }
        for level in 0..<2 {
            let width = ngf << (2 - level)
            layers += [ConvTranspose2d(width, width / 2, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1), outputPadding: (1, 1)),
                       InstanceNorm2d(width / 2), ReLU()]
        }
        layers += [ReflectionPad2d(3), Conv2d(ngf, outputChannels, kernelSize: 7), Tanh()]
        model = Sequential(layers)
        super.init()
        _ = Self.initializedAsOfficial(self)
    }

    /// `network` with CycleGAN's official `init_weights`: convolution weights from N(0, 0.02), biases 0 (it
    /// has no other parameters: instance norm without affine parameters).
    static func initializedAsOfficial<Network: Module>(_ network: Network) -> Network {
        for parameter in network.namedParameters() {
            if parameter.tensor.rank == 4 { Init.normal(parameter.tensor, std: 0.02) } else { Init.zeros(parameter.tensor) }
        }
        return network
    }

    public var classCount: Int? { nil }

    /// The translated images `[N, outputChannels, H, W]` of the images `latent.noise`, `[N, inputChannels, H, W]`.
    public func callAsFunction(_ latent: Latent) -> Tensor {
        let x = latent.noise
        precondition(x.rank == 4 && x.shape[2] % 4 == 0 && x.shape[3] % 4 == 0,
                     "ResnetGenerator: expected images [N, C, H, W] with H and W multiples of 4, got \(x.shape)")
        return model(x)
    }
}

/// A residual block of `ResnetGenerator`: x + (reflection pad, 3×3 conv, instance norm, ReLU, reflection
/// pad, 3×3 conv, instance norm)(x), saved as `conv_block.N.…`.
public final class ResnetBlock: Module, Layer {
    /// The residual branch.
    public let convBlock: Sequential

    /// A block on `channels` channels.
    public init(_ channels: Int) {
        convBlock = Sequential(
            ReflectionPad2d(1), Conv2d(channels, channels, kernelSize: 3), InstanceNorm2d(channels), ReLU(),
            ReflectionPad2d(1), Conv2d(channels, channels, kernelSize: 3), InstanceNorm2d(channels))
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        x + convBlock(x)
    }
}
