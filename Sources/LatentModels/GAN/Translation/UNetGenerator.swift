import LatentNN

/// The U-Net generator of pix2pix (Isola et al. 2017): `numDowns` stride-2 4×4 convolutions halve an
/// `[N, inputChannels, H, W]` image down to 1×1 (H and W multiples of 2^numDowns), as many transposed
/// convolutions double it back to `[N, outputChannels, H, W]` in (−1, 1), and each decoder level reads the
/// encoder's maps of its size beside its own (the skips). Filters start at `ngf` and double up to
/// `8 · ngf`; with `dropout`, the innermost levels at `8 · ngf` filters but the deepest drop half their
/// values as the generator's noise, in evaluation too (`NoiseDropout`). Layers and state-dict keys follow
/// the official `UnetGenerator` (`model.model.0.weight`, `model.model.1.model.1.weight`, …).
public final class UNetGenerator: Module, Layer, GeneratorNetwork {
    public let model: UNetBlock

    public init(inputChannels: Int, outputChannels: Int, numDowns: Int, ngf: Int = 64, norm: TranslationNorm = .batch, dropout: Bool = true) {
        precondition(inputChannels > 0 && outputChannels > 0 && ngf > 0,
                     "UNetGenerator: inputChannels \(inputChannels), outputChannels \(outputChannels) and ngf \(ngf) must be positive")
        precondition(numDowns >= 5, "UNetGenerator: numDowns must be at least 5 (the four widening levels and the innermost), got \(numDowns)")
        var block = UNetBlock(outer: ngf * 8, inner: ngf * 8, level: .innermost, norm: norm)
        for _ in 0..<(numDowns - 5) {
            block = UNetBlock(outer: ngf * 8, inner: ngf * 8, level: .middle(block, dropout: dropout), norm: norm)
        }
        for multiple in [4, 2, 1] {
            block = UNetBlock(outer: ngf * multiple, inner: ngf * multiple * 2, level: .middle(block, dropout: false), norm: norm)
        }
        model = UNetBlock(outer: outputChannels, inner: ngf, level: .outermost(block, inputChannels: inputChannels), norm: norm)
        super.init()
    }

    /// How many halvings a generator needs for `size`-pixel images: log2 of `size`; nil when `size` is not
    /// a power of two of at least 32.
    public static func numDowns(forSize size: Int) -> Int? {
        guard size >= 32, size & (size - 1) == 0 else { return nil }
        return size.trailingZeroBitCount
    }

    public var classCount: Int? { nil }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4, "UNetGenerator: expected images [N, C, H, W], got shape \(x.shape)")
        return model(x)
    }

    public func callAsFunction(_ latent: Latent) -> Tensor {
        self(latent.noise)
    }
}

/// One level of the U-Net: a downsampling convolution, the levels below it, and an upsampling
/// transposed convolution; all but the outermost return their input beside their output on the
/// channel axis, the skip connection.
public final class UNetBlock: Module, Layer {
    /// Where a level sits: the deepest (no levels below), a middle one around `submodule`, or the outermost,
    /// which reads the images and ends in tanh.
    public enum Level {
        case innermost
        case middle(UNetBlock, dropout: Bool)
        case outermost(UNetBlock, inputChannels: Int)
    }

    public let model: Sequential
    /// Whether the level returns its output alone (the outermost) rather than beside its input.
    public let isOutermost: Bool

    /// A level mapping `outer` channels to `inner` ones on the way down and back on the way up.
    public init(outer: Int, inner: Int, level: Level, norm: TranslationNorm) {
        let bias = norm.convolutionBias
        func up(_ channels: Int, bias: Bool) -> ConvTranspose2d {
            ConvTranspose2d(channels, outer, kernelSize: 4, stride: 2, padding: 1, bias: bias)
        }
        switch level {
        case .innermost:
            model = Sequential(LeakyReLU(negativeSlope: 0.2), Conv2d(outer, inner, kernelSize: 4, stride: 2, padding: 1, bias: bias),
                               ReLU(), up(inner, bias: bias), norm.layer(outer))
            isOutermost = false
        case .middle(let submodule, let dropout):
            let layers: [any Layer] = [LeakyReLU(negativeSlope: 0.2), Conv2d(outer, inner, kernelSize: 4, stride: 2, padding: 1, bias: bias),
                                       norm.layer(inner), submodule, ReLU(), up(inner * 2, bias: bias), norm.layer(outer)]
            model = Sequential(layers + (dropout ? [NoiseDropout(p: 0.5)] : []))
            isOutermost = false
        case .outermost(let submodule, let inputChannels):
            model = Sequential(Conv2d(inputChannels, inner, kernelSize: 4, stride: 2, padding: 1, bias: bias), submodule,
                               ReLU(), up(inner * 2, bias: true), Tanh())
            isOutermost = true
        }
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        isOutermost ? model(x) : Tensor.concatenated([x, model(x)], axis: 1)
    }
}
