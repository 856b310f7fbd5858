import LatentNN

/// ProGAN's discriminator (Karras et al. 2018) with equalized learning rate: the data's images padded
/// to the final resolution with the background value −1 and average-pooled to the clock's resolution,
/// a 1×1 `from_rgb.i` per resolution, one block per halving (`blocks.i`: two 3×3 convolutions and 2×2
/// average pooling), the newest faded in, then the minibatch standard deviation, a 3×3 convolution
/// (`final_conv`) and two fully connected layers (`dense`, `score`); no normalization. Its features are
/// `dense`'s output.
public final class ProGANDiscriminator: Module, Discriminating {
    public typealias Sample = Tensor
    public let shape: ProGANShape
    public let clock: GrowthClock
    public let from_rgb: [EqualizedConv2d]
    public let blocks: [ProGANDiscriminatorBlock]
    public let stddev = MinibatchStdDev()
    public let final_conv: EqualizedConv2d
    public let dense: EqualizedLinear
    public let score: EqualizedLinear

    /// A discriminator of `shape` growing on `clock`.
    public init(shape: ProGANShape, clock: GrowthClock) {
        self.shape = shape
        self.clock = clock
        let resolutions = (0..<clock.schedule.resolutionCount).map(ProGANShape.resolution(ofStage:))
        let channels = resolutions.map(shape.channels(atResolution:))
        from_rgb = channels.map { EqualizedConv2d(shape.imageChannels, $0, kernelSize: 1) }
        blocks = (1..<resolutions.count).map { ProGANDiscriminatorBlock(channels[$0], channels[$0 - 1]) }
        final_conv = EqualizedConv2d(channels[0] + 1, channels[0], kernelSize: 3, padding: 1)
        dense = EqualizedLinear(channels[0] * 16, channels[0])
        score = EqualizedLinear(channels[0], 1, gain: 1)
        super.init()
    }

    public func heads(_ sample: Tensor) -> Heads {
        Heads(score: score(features(sample)))
    }

    public func features(_ sample: Tensor) -> Tensor {
        let level = clock.level
        let stage = ProGANShape.stage(ofResolution: level.resolution)
        let image = downsampled(padded(sample), to: level.resolution)
        var x = proganActivation(from_rgb[stage](image))
        if stage > 0 {
            x = blocks[stage - 1](x)
            if level.alpha < 1 {
                x = FadeIn.discriminator(image: image, new: x, alpha: level.alpha) { proganActivation(self.from_rgb[stage - 1]($0)) }
            }
        }
        for block in blocks.prefix(max(stage - 1, 0)).reversed() { x = block(x) }
        x = proganActivation(final_conv(stddev(x)))
        return proganActivation(dense(x.flattened()))
    }

    /// The data's images padded with −1 (the background of [−1, 1] images) to the final resolution.
    private func padded(_ images: Tensor) -> Tensor {
        precondition(images.rank == 4 && images.shape[1] == shape.imageChannels && images.shape[2] == shape.imageSize
                     && images.shape[3] == shape.imageSize,
                     "ProGANDiscriminator: expected images [N, \(shape.imageChannels), \(shape.imageSize), \(shape.imageSize)], got \(images.shape)")
        let margin = (clock.schedule.finalResolution - shape.imageSize) / 2
        return margin > 0 ? images.padded([margin, margin, margin, margin], value: -1) : images
    }

    /// `images` average-pooled to `resolution`.
    private func downsampled(_ images: Tensor, to resolution: Int) -> Tensor {
        let factor = images.shape[2] / resolution
        return factor > 1 ? images.avgPool2d(kernelSize: (factor, factor)) : images
    }
}

/// A discriminator block of ProGAN: two 3×3 equalized convolutions (`conv0`, `conv1`), each followed
/// by a leaky ReLU, then 2×2 average pooling.
public final class ProGANDiscriminatorBlock: Module, Layer {
    public let conv0: EqualizedConv2d
    public let conv1: EqualizedConv2d

    public init(_ inChannels: Int, _ outChannels: Int) {
        conv0 = EqualizedConv2d(inChannels, inChannels, kernelSize: 3, padding: 1)
        conv1 = EqualizedConv2d(inChannels, outChannels, kernelSize: 3, padding: 1)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        proganActivation(conv1(proganActivation(conv0(x)))).avgPool2d(kernelSize: (2, 2))
    }
}
