import LatentNN

/// Inception's unit layer, as torchvision's `BasicConv2d`: a convolution without bias, batch
/// normalization with eps 0.001, then ReLU. State-dict keys `conv.weight` and `bn.*`.
///
/// `foldBatchNorm()` merges the normalization's running statistics into the convolution's weight and
/// a bias, so that evaluation runs one convolution per layer; training mode ignores the folded copy.
public final class BasicConv2d: Module, Layer {
    public let conv: Conv2d
    public let bn: BatchNorm2d
    /// The convolution with the normalization folded in, once `foldBatchNorm()` made it.
    private var folded: (weight: Tensor, bias: Tensor)?

    /// A unit mapping `inChannels` to `outChannels` with the given kernel, stride and padding.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
        padding: (Int, Int) = (0, 0)
    ) {
        conv = Conv2d(inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding, bias: false)
        bn = BatchNorm2d(outChannels, eps: 0.001)
        super.init()
    }

    /// A unit with a square kernel, stride and padding.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0) {
        self.init(inChannels, outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: (padding, padding))
    }

    /// Whether evaluation uses a convolution with the normalization folded in.
    public var isFolded: Bool { folded != nil }

    /// Computes the folded convolution from the current weights and running statistics
    /// (`w · γ/√(var + eps)` per output channel, bias `β − mean · γ/√(var + eps)`, in Float64).
    /// Call it again after changing the weights.
    public func foldBatchNorm() {
        guard let runningMean = bn.runningMean, let runningVar = bn.runningVar else {
            preconditionFailure("BasicConv2d: batch normalization without running statistics cannot be folded")
        }
        let channels = conv.outChannels
        let gamma = bn.weight?.values ?? [Float](repeating: 1, count: channels)
        let beta = bn.bias?.values ?? [Float](repeating: 0, count: channels)
        let mean = runningMean.values, variance = runningVar.values
        let scale = (0..<channels).map { Double(gamma[$0]) / (Double(variance[$0]) + Double(bn.eps)).squareRoot() }
        let bias = (0..<channels).map { Float(Double(beta[$0]) - Double(mean[$0]) * scale[$0]) }
        let weights = conv.weight.values
        let perChannel = weights.count / channels
        let foldedWeights = weights.indices.map { Float(Double(weights[$0]) * scale[$0 / perChannel]) }
        folded = (Tensor(foldedWeights, shape: conv.weight.shape), Tensor(bias, shape: [channels]))
    }

    /// Drops the folded convolution, so that evaluation runs the convolution and normalization apart.
    public func unfoldBatchNorm() {
        folded = nil
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        if !training, let folded {
            let y = x.conv2d(weight: folded.weight, bias: folded.bias, stride: conv.stride, padding: conv.padding)
            return y.requiresGrad ? y.relu() : rectifiedInPlace(y)
        }
        return bn(conv(x)).relu()
    }
}

/// `x` with its negative values set to zero in place: for a fresh tensor outside any gradient graph,
/// which saves a copy of every activation at inference.
private func rectifiedInPlace(_ x: Tensor) -> Tensor {
    x.withMutableValues { values in
        guard let base = values.baseAddress else { return }
        Threads.forEachChunk(of: values.count, grain: 65_536) { range in
            for i in range { base[i] = max(base[i], 0) }
        }
    }
    return x
}
