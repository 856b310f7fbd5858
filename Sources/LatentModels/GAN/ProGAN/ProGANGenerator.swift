import LatentNN

/// ProGAN's generator (Karras et al. 2018) with equalized learning rate and pixel norm: the pixel-normed
/// latent to 4×4 features (`initial`, `initial_conv`), one block per doubling (`blocks.i`: 2× nearest
/// upsampling, two 3×3 convolutions), and a 1×1 `to_rgb.i` per resolution; the clock's level picks the
/// resolution and fades in the newest block. The image is enlarged to the final resolution by repeating
/// pixels and cropped to the data's size, so every level makes images of the data's shape.
public final class ProGANGenerator: Module, GeneratorNetwork {
    public let shape: ProGANShape
    public let clock: GrowthClock
    public let initial: EqualizedLinear
    public let initial_conv: EqualizedConv2d
    public let blocks: [ProGANGeneratorBlock]
    public let to_rgb: [EqualizedConv2d]
    private let norm = PixelNorm()

    /// A generator of `shape` growing on `clock`.
    public init(shape: ProGANShape, clock: GrowthClock) {
        self.shape = shape
        self.clock = clock
        let resolutions = (0..<clock.schedule.resolutionCount).map(ProGANShape.resolution(ofStage:))
        let channels = resolutions.map(shape.channels(atResolution:))
        initial = EqualizedLinear(shape.latentSize, channels[0] * 16, gain: Float(2).squareRoot() / 4)
        initial_conv = EqualizedConv2d(channels[0], channels[0], kernelSize: 3, padding: 1)
        blocks = (1..<resolutions.count).map { ProGANGeneratorBlock(channels[$0 - 1], channels[$0]) }
        to_rgb = channels.map { EqualizedConv2d($0, shape.imageChannels, kernelSize: 1, gain: 1) }
        super.init()
    }

    public var classCount: Int? { nil }

    public func callAsFunction(_ latent: Latent) -> Tensor {
        let count = latent.noise.shape[0]
        var x = norm(latent.noise.reshaped([count, shape.latentSize]))
        x = norm(proganActivation(initial(x)).reshaped([count, initial_conv.inChannels, 4, 4]))
        x = norm(proganActivation(initial_conv(x)))
        let level = clock.level
        let stage = ProGANShape.stage(ofResolution: level.resolution)
        var previous = x
        for block in blocks.prefix(stage) {
            previous = x
            x = block(x)
        }
        var image = to_rgb[stage](x)
        if stage > 0 && level.alpha < 1 {
            image = FadeIn.generator(old: to_rgb[stage - 1](previous), new: image, alpha: level.alpha)
        }
        return fitted(image)
    }

    /// `image` enlarged to the final resolution and cropped to the data's size.
    private func fitted(_ image: Tensor) -> Tensor {
        let factor = clock.schedule.finalResolution / image.shape[2]
        let full = factor > 1 ? image.upsampleNearest2d(scaleFactor: (factor, factor)) : image
        let margin = (clock.schedule.finalResolution - shape.imageSize) / 2
        guard margin > 0 else { return full }
        let rows = margin..<(margin + shape.imageSize)
        return full.slice(axis: 2, range: rows).slice(axis: 3, range: rows)
    }
}

/// A generator block of ProGAN: 2× nearest upsampling, then two 3×3 equalized convolutions (`conv0`,
/// `conv1`), each followed by a leaky ReLU and pixel norm.
public final class ProGANGeneratorBlock: Module, Layer {
    public let conv0: EqualizedConv2d
    public let conv1: EqualizedConv2d
    private let norm = PixelNorm()

    public init(_ inChannels: Int, _ outChannels: Int) {
        conv0 = EqualizedConv2d(inChannels, outChannels, kernelSize: 3, padding: 1)
        conv1 = EqualizedConv2d(outChannels, outChannels, kernelSize: 3, padding: 1)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let y = norm(proganActivation(conv0(x.upsampleNearest2d(scaleFactor: (2, 2)))))
        return norm(proganActivation(conv1(y)))
    }
}
