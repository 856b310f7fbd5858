import LatentNN

/// StyleGAN's synthesis network: a learned constant 4×4 input, two styled layers per resolution (the
/// first of each resolution above 4×4 upsampling), doubling up to `resolution`, then a 1×1 convolution to
/// the image channels (modulated by the last style with StyleGAN2's modulation). A layer at side s has
/// min(`maxChannels`, 1024 / s) feature maps.
public final class SynthesisNetwork: Module {
    /// The side of the images made, a power of 2 from 4.
    public let resolution: Int
    /// The length of each style w.
    public let styleSize: Int
    /// The learned input, `[1, channels(4), 4, 4]`.
    @Parameter public var const: Tensor
    let layers: [StyleLayer]
    let toRGB: ToRGB

    /// A network for `resolution`×`resolution` images of `imageChannels` channels, styled by w of `styleSize`
    /// values with `modulation`, at most `maxChannels` feature maps per layer.
    public init(resolution: Int, imageChannels: Int, styleSize: Int, maxChannels: Int, modulation: StyleModulation) {
        precondition(resolution >= 4 && resolution & (resolution - 1) == 0, "SynthesisNetwork: resolution must be a power of 2 from 4, got \(resolution)")
        precondition(maxChannels > 0, "SynthesisNetwork: maxChannels must be positive, got \(maxChannels)")
        self.resolution = resolution
        self.styleSize = styleSize
        let channels = { (side: Int) in Swift.max(1, Swift.min(maxChannels, 1024 / side)) }
        const = Tensor.randn([1, channels(4), 4, 4])
        var layers = [
            StyleLayer(channels(4), channels(4), styleSize: styleSize, modulation: modulation, upsamples: false, convolves: modulation == .demod),
            StyleLayer(channels(4), channels(4), styleSize: styleSize, modulation: modulation, upsamples: false)]
        var side = 8
        while side <= resolution {
            layers.append(StyleLayer(channels(side / 2), channels(side), styleSize: styleSize, modulation: modulation, upsamples: true))
            layers.append(StyleLayer(channels(side), channels(side), styleSize: styleSize, modulation: modulation, upsamples: false))
            side *= 2
        }
        self.layers = layers
        toRGB = ToRGB(channels(resolution), imageChannels, styleSize: styleSize, modulation: modulation)
        super.init()
    }

    /// How many styles the network reads: one per styled layer.
    public var styleCount: Int { layers.count }

    /// The shapes of one sample's noise maps, one per styled layer: `[1, side, side]`.
    public var noiseShapes: [[Int]] {
        layers.indices.map { index in
            let side = 4 << (index / 2)
            return [1, side, side]
        }
    }

    /// The images `[N, imageChannels, resolution, resolution]` for one style `[N, styleSize]` per layer
    /// (`styleCount` of them) and one noise map `[N] + noiseShapes[i]` per layer.
    public func callAsFunction(styles: [Tensor], noise: [Tensor]) -> Tensor {
        precondition(styles.count == styleCount && noise.count == styleCount,
                     "SynthesisNetwork: expected \(styleCount) styles and noise maps, got \(styles.count) and \(noise.count)")
        let batch = styles[0].shape[0]
        var x = const.expand(to: [batch] + Array(const.shape.dropFirst()))
        for (index, layer) in layers.enumerated() {
            x = layer(x, w: styles[index], noise: noise[index])
        }
        return toRGB(x, w: styles[styleCount - 1])
    }
}

/// The synthesis network's output: a 1×1 convolution to the image channels, modulated (not demodulated) by
/// w with StyleGAN2's modulation, plain with StyleGAN's.
final class ToRGB: Module {
    let modulated: ModulatedConv2d?
    let convolution: EqualizedConv2d?

    init(_ inChannels: Int, _ imageChannels: Int, styleSize: Int, modulation: StyleModulation) {
        switch modulation {
        case .adain:
            modulated = nil
            convolution = EqualizedConv2d(inChannels, imageChannels, kernelSize: 1)
        case .demod:
            modulated = ModulatedConv2d(inChannels, imageChannels, kernelSize: 1, styleSize: styleSize, demodulate: false)
            convolution = nil
        }
        super.init()
    }

    func callAsFunction(_ x: Tensor, w: Tensor) -> Tensor {
        if let modulated { return modulated(x, w: w) }
        guard let convolution else { preconditionFailure("ToRGB: has a convolution when it is not modulated") }
        return convolution(x)
    }
}
