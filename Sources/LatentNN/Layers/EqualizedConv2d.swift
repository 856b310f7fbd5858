import LatentTensor

/// A 2-D convolution with the equalized learning rate of ProGAN (Karras et al. 2018): the weight
/// [outChannels, inChannels, k, k] is stored as N(0, 1) draws and multiplied at run time by He's
/// constant `gain / √(inChannels · k²)`; the bias starts at zero. State-dict names are `weight` and
/// `bias`, as `torch.nn.Conv2d`.
public final class EqualizedConv2d: Module, Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    /// The gain of He's constant: √2 before a (leaky) ReLU, 1 before a linear output.
    public let gain: Float
    @Parameter public var weight: Tensor
    @Parameter public var bias: Tensor?

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        bias: Bool = true, gain: Float = Float(2).squareRoot()
    ) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
                     "EqualizedConv2d: invalid shape \(inChannels) → \(outChannels), kernel \(kernelSize), stride \(stride), padding \(padding)")
        precondition(gain > 0 && gain.isFinite, "EqualizedConv2d: gain must be positive and finite, got \(gain)")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.gain = gain
        self.weight = Tensor.randn([outChannels, inChannels, kernelSize, kernelSize])
        self.bias = bias ? Tensor.zeros([outChannels]) : nil
        super.init()
    }

    /// The factor the stored weight is multiplied by at run time.
    public var weightScale: Float { equalizedScale(gain: gain, fanIn: inChannels * kernelSize * kernelSize) }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == inChannels,
                     "EqualizedConv2d: expected input [N, \(inChannels), H, W], got shape \(x.shape)")
        return x.conv2d(weight: weight * weightScale, bias: bias, stride: (stride, stride),
                        padding: (padding, padding), dilation: (1, 1), groups: 1)
    }
}
