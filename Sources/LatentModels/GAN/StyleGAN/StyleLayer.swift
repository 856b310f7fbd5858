import LatentNN

/// One styled layer of the synthesis network: optionally a 2× nearest upsampling, a 3×3 convolution (none
/// on StyleGAN's constant input), per-pixel noise, a bias and leaky ReLU, styled by w with AdaIN after it or
/// by modulating the convolution's weight.
final class StyleLayer: Module {
    let upsamples: Bool
    /// StyleGAN2's modulated convolution (with its bias).
    let modulated: ModulatedConv2d?
    /// StyleGAN's plain convolution, before AdaIN.
    let convolution: EqualizedConv2d?
    /// StyleGAN's w to AdaIN's scales (starting at 1) and shifts.
    let affine: EqualizedLinear?
    let noise: NoiseInput
    /// StyleGAN's bias after the noise, `[channels]`.
    @Parameter var bias: Tensor?

    /// A layer from `inChannels` to `outChannels` styled by w of `styleSize` values with `modulation`;
    /// `convolves: false` (StyleGAN's first layer, on the constant) needs as many channels out as in.
    init(_ inChannels: Int, _ outChannels: Int, styleSize: Int, modulation: StyleModulation, upsamples: Bool, convolves: Bool = true) {
        precondition(convolves || (inChannels == outChannels && modulation == .adain && !upsamples),
                     "StyleLayer: only an AdaIN layer with as many channels out as in may leave out the convolution")
        self.upsamples = upsamples
        noise = NoiseInput(channels: outChannels)
        switch modulation {
        case .adain:
            modulated = nil
            convolution = convolves ? EqualizedConv2d(inChannels, outChannels, kernelSize: 3, padding: 1, bias: false) : nil
            affine = EqualizedLinear(styleSize, 2 * outChannels)
            bias = Tensor.zeros([outChannels])
            super.init()
            startScalesAtOne(outChannels)
        case .demod:
            modulated = ModulatedConv2d(inChannels, outChannels, kernelSize: 3, styleSize: styleSize)
            convolution = nil
            affine = nil
            bias = nil
            super.init()
        }
    }

    /// Starts the bias of AdaIN's affine map at 1 for the first `count` outputs (the scales) and 0 for the rest
    /// (the shifts).
    private func startScalesAtOne(_ count: Int) {
        guard let bias = affine?.bias else { preconditionFailure("StyleLayer: AdaIN's affine map has a bias") }
        bias.assign(Tensor((0..<bias.shape[0]).map { $0 < count ? 1 : 0 }, shape: [bias.shape[0]]))
    }

    /// The layer on `x` `[N, inChannels, H, W]` styled by `w` `[N, styleSize]`, with `noise` `[N, 1, H', W']`
    /// at its output's size.
    func callAsFunction(_ x: Tensor, w: Tensor, noise pixels: Tensor) -> Tensor {
        let input = upsamples ? x.upsampleNearest2d(scaleFactor: (2, 2)) : x
        if let modulated {
            let y = noise(modulated(input, w: w), noise: pixels)
            return y.leakyRelu(negativeSlope: 0.2) * Float(2).squareRoot()
        }
        guard let affine, let bias else { preconditionFailure("StyleLayer: an AdaIN layer has an affine map and a bias") }
        var y = noise(convolution.map { $0(input) } ?? input, noise: pixels)
        y = (y + bias.reshaped([1, bias.shape[0], 1, 1])).leakyRelu(negativeSlope: 0.2)
        let styles = affine(w)
        let channels = y.shape[1]
        return y.adaptiveInstanceNorm(
            scale: styles.slice(axis: 1, range: 0..<channels), bias: styles.slice(axis: 1, range: channels..<(2 * channels)))
    }
}
