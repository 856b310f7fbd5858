import LatentTensor

/// A 2-D convolution over [N, C, H, W] batches, as `torch.nn.Conv2d`.
///
/// The weight is [outChannels, inChannels / groups, kH, kW], Kaiming-uniform with a = √5, and the
/// bias uniform in ±1/√fan_in, PyTorch's defaults.
public final class Conv2d: Module, Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: (Int, Int)
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let dilation: (Int, Int)
    public let groups: Int
    @Parameter public var weight: Tensor
    @Parameter public var bias: Tensor?

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
        padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1, bias: Bool = true
    ) {
        precondition(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                     "Conv2d: inChannels \(inChannels) and outChannels \(outChannels) must be divisible by groups \(groups)")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        let weight = Tensor.zeros([outChannels, inChannels / groups, kernelSize.0, kernelSize.1])
        Init.kaimingUniform(weight, a: Float(5).squareRoot())
        self.weight = weight
        self.bias = bias ? uniformBias([outChannels], fanIn: Init.fans(weight.shape).fanIn) : nil
        super.init()
    }

    /// A convolution with square kernel, stride, padding and dilation.
    public convenience init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, groups: Int = 1, bias: Bool = true
    ) {
        self.init(inChannels, outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: (padding, padding), dilation: (dilation, dilation), groups: groups, bias: bias)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.conv2d(weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}

/// A 2-D transposed convolution (the gradient of a convolution with respect to its input), as
/// `torch.nn.ConvTranspose2d`.
///
/// The weight is [inChannels, outChannels / groups, kH, kW], initialized as PyTorch does (Kaiming-uniform
/// with a = √5 over that shape, the bias uniform in ±1/√fan_in).
public final class ConvTranspose2d: Module, Layer, OutputChannelsOnAxisOne {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: (Int, Int)
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let outputPadding: (Int, Int)
    public let groups: Int
    public let dilation: (Int, Int)
    @Parameter public var weight: Tensor
    @Parameter public var bias: Tensor?

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
        padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0), groups: Int = 1, bias: Bool = true,
        dilation: (Int, Int) = (1, 1)
    ) {
        precondition(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                     "ConvTranspose2d: inChannels \(inChannels) and outChannels \(outChannels) must be divisible by groups \(groups)")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.groups = groups
        self.dilation = dilation
        let weight = Tensor.zeros([inChannels, outChannels / groups, kernelSize.0, kernelSize.1])
        Init.kaimingUniform(weight, a: Float(5).squareRoot())
        self.weight = weight
        self.bias = bias ? uniformBias([outChannels], fanIn: Init.fans(weight.shape).fanIn) : nil
        super.init()
    }

    /// A transposed convolution with square kernel, stride, padding, output padding and dilation.
    public convenience init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        outputPadding: Int = 0, groups: Int = 1, bias: Bool = true, dilation: Int = 1
    ) {
        self.init(inChannels, outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: (padding, padding), outputPadding: (outputPadding, outputPadding), groups: groups,
                  bias: bias, dilation: (dilation, dilation))
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.convTranspose2d(weight: weight, bias: bias, stride: stride, padding: padding,
                          outputPadding: outputPadding, dilation: dilation, groups: groups)
    }
}
