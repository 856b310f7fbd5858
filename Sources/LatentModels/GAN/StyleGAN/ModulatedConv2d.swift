import LatentNN

/// StyleGAN2's modulated convolution layer (Karras et al. 2020): a learned affine map of w gives per-sample
/// scales of the input channels (starting at 1), which modulate the weight, optionally demodulated, then a
/// per-channel bias. The weight is drawn from N(0, 1) and scaled by 1/√fan-in at run time (equalized
/// learning rate).
public final class ModulatedConv2d: Module {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    /// Whether each output channel's modulated weights are normalized (off for the RGB output).
    public let demodulate: Bool
    /// w to the input channels' scales.
    let affine: EqualizedLinear
    /// `[outChannels, inChannels, kernelSize, kernelSize]`.
    @Parameter public var weight: Tensor
    /// `[outChannels]`, zeros to start.
    @Parameter public var bias: Tensor

    /// A `kernelSize`×`kernelSize` convolution (same padding) from `inChannels` to `outChannels`, styled by w of
    /// `styleSize` values.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, styleSize: Int, demodulate: Bool = true) {
        precondition(kernelSize % 2 == 1, "ModulatedConv2d: kernelSize must be odd, got \(kernelSize)")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.demodulate = demodulate
        affine = EqualizedLinear(styleSize, inChannels, biasInit: 1)
        weight = Tensor.randn([outChannels, inChannels, kernelSize, kernelSize])
        bias = Tensor.zeros([outChannels])
        super.init()
    }

    /// `x` `[N, inChannels, H, W]` convolved with the weight modulated by each sample's `w` `[N, styleSize]`.
    public func callAsFunction(_ x: Tensor, w: Tensor) -> Tensor {
        let scale = 1 / Float(inChannels * kernelSize * kernelSize).squareRoot()
        let padding = kernelSize / 2
        let y = x.modulatedConv2d(weight: weight * scale, styles: affine(w), demodulate: demodulate, padding: (padding, padding))
        return y + bias.reshaped([1, outChannels, 1, 1])
    }
}
