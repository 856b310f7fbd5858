// 2-D convolution and the two products that make up its gradient. Each of the three is linear in each
// of its operands, and the gradients of each are the other two, so gradients of gradients go through.

extension Tensor {
    /// The 2-D convolution (cross-correlation) of this `[N, Cin, H, W]` batch with `weight`
    /// (`[Cout, Cin / groups, kH, kW]`), plus `bias` (`[Cout]`) per output channel, as PyTorch's `F.conv2d`.
    public func conv2d(
        weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
        dilation: (Int, Int) = (1, 1), groups: Int = 1
    ) -> Tensor {
        precondition(rank == 4 && weight.rank == 4,
                     "conv2d: expected input [N, Cin, H, W] and weight [Cout, Cin/groups, kH, kW], got shapes \(shape) and \(weight.shape)")
        ConvArguments.check(stride: stride, padding: padding, dilation: dilation, groups: groups, op: "conv2d")
        let outChannels = weight.shape[0]
        precondition(shape[1] == weight.shape[1] * groups && shape[1] % groups == 0 && outChannels % groups == 0,
                     "conv2d: input channels \(shape[1]) and weight \(weight.shape) do not match groups \(groups), got shapes \(shape) and \(weight.shape)")
        if let bias {
            precondition(bias.shape == [outChannels], "conv2d: bias must have shape [\(outChannels)], got shapes \(shape) and \(bias.shape)")
        }
        let outH = ConvGeometry.outputSize(
            input: shape[2], kernel: weight.shape[2], stride: stride.0, padding: padding.0, dilation: dilation.0)
        let outW = ConvGeometry.outputSize(
            input: shape[3], kernel: weight.shape[3], stride: stride.1, padding: padding.1, dilation: dilation.1)
        precondition(outH > 0 && outW > 0,
                     "conv2d: kernel \(weight.shape) with padding \(padding) and dilation \(dilation) is larger than the input, got shapes \(shape) and \(weight.shape)")
        let geometry = ConvGeometry(
            batch: shape[0], inChannels: shape[1], inHeight: shape[2], inWidth: shape[3],
            outChannels: outChannels, outHeight: outH, outWidth: outW,
            kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
            strideH: stride.0, strideW: stride.1, padH: padding.0, padW: padding.1,
            dilationH: dilation.0, dilationW: dilation.1, groups: groups)
        return Tensor.convolution(self, weight, bias, geometry)
    }

    /// The convolution of `x` with `weight` in `geometry`, plus `bias`.
    static func convolution(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor {
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return result(Convolution.forward(x, weight, bias, g), inputs: inputs) { c in
            let (x, weight) = (c.inputs[0], c.inputs[1])
            var grads = [c.needs(0) ? transposedConvolution(c.grad, weight, nil, g) : nil,
                         c.needs(1) ? convolutionWeightGradient(x, c.grad, g) : nil]
            if c.inputs.count == 3 { grads.append(c.needs(2) ? c.grad.channelSums() : nil) }
            return grads
        }
    }

    /// The gradient of a convolution's input in `geometry` from its output gradient `gy`: the transposed
    /// convolution of `gy` with `weight`, plus `bias` per channel of the result.
    static func transposedConvolution(_ gy: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor {
        let inputs = bias.map { [gy, weight, $0] } ?? [gy, weight]
        return result(Convolution.inputGradient(gy, weight, bias, g), inputs: inputs) { c in
            let (gy, weight) = (c.inputs[0], c.inputs[1])
            var grads = [c.needs(0) ? convolution(c.grad, weight, nil, g) : nil,
                         c.needs(1) ? convolutionWeightGradient(c.grad, gy, g) : nil]
            if c.inputs.count == 3 { grads.append(c.needs(2) ? c.grad.channelSums() : nil) }
            return grads
        }
    }

    /// The gradient of a convolution's weight in `geometry` from its input `x` and output gradient `gy`.
    static func convolutionWeightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        result(Convolution.weightGradient(x, gy, g), inputs: [x, gy]) { c in
            let (x, gy) = (c.inputs[0], c.inputs[1])
            return [c.needs(0) ? transposedConvolution(gy, c.grad, nil, g) : nil,
                    c.needs(1) ? convolution(x, c.grad, nil, g) : nil]
        }
    }

    /// The sum of each channel of an `[N, C, …]` tensor: the gradient of a per-channel bias.
    func channelSums() -> Tensor {
        let original = shape
        return Tensor.result(Convolution.channelSums(self), inputs: [self]) { c in
            var kept = [Int](repeating: 1, count: original.count)
            kept[1] = original[1]
            return [c.grad.reshaped(kept).expand(to: original)]
        }
    }
}

/// Checks shared by the convolution and pooling ops.
enum ConvArguments {
    static func check(stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int), groups: Int, op: String) {
        precondition(stride.0 >= 1 && stride.1 >= 1, "\(op): stride must be positive, got \(stride)")
        precondition(padding.0 >= 0 && padding.1 >= 0, "\(op): padding must not be negative, got \(padding)")
        precondition(dilation.0 >= 1 && dilation.1 >= 1, "\(op): dilation must be positive, got \(dilation)")
        precondition(groups >= 1, "\(op): groups must be positive, got \(groups)")
    }
}
