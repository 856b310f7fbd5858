// Transposed 2-D convolution: the input gradient of the convolution that maps its output back to its input.

extension Tensor {
    /// The transposed 2-D convolution of this `[N, Cin, H, W]` batch with `weight`
    /// (`[Cin, Cout / groups, kH, kW]`, PyTorch's ConvTranspose2d layout), plus `bias` (`[Cout]`),
    /// as PyTorch's `F.conv_transpose2d`.
    public func convTranspose2d(
        weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
        outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1
    ) -> Tensor {
        precondition(rank == 4 && weight.rank == 4,
                     "convTranspose2d: expected input [N, Cin, H, W] and weight [Cin, Cout/groups, kH, kW], got shapes \(shape) and \(weight.shape)")
        ConvArguments.check(stride: stride, padding: padding, dilation: dilation, groups: groups, op: "convTranspose2d")
        precondition(shape[1] == weight.shape[0] && shape[1] % groups == 0,
                     "convTranspose2d: input channels \(shape[1]) must equal weight's first axis and divide by groups \(groups), got shapes \(shape) and \(weight.shape)")
        precondition(outputPadding.0 >= 0 && outputPadding.1 >= 0
                     && (outputPadding.0 < stride.0 || outputPadding.0 < dilation.0)
                     && (outputPadding.1 < stride.1 || outputPadding.1 < dilation.1),
                     "convTranspose2d: output padding \(outputPadding) must be smaller than stride \(stride) or dilation \(dilation)")
        let outChannels = weight.shape[1] * groups
        if let bias {
            precondition(bias.shape == [outChannels],
                         "convTranspose2d: bias must have shape [\(outChannels)], got shapes \(shape) and \(bias.shape)")
        }
        let kH = weight.shape[2], kW = weight.shape[3]
        let outH = (shape[2] - 1) * stride.0 - 2 * padding.0 + dilation.0 * (kH - 1) + outputPadding.0 + 1
        let outW = (shape[3] - 1) * stride.1 - 2 * padding.1 + dilation.1 * (kW - 1) + outputPadding.1 + 1
        precondition(outH > 0 && outW > 0,
                     "convTranspose2d: padding \(padding) leaves no output, got shapes \(shape) and \(weight.shape)")
        // The convolution this one transposes reads the [N, Cout, outH, outW] result and writes this input.
        let geometry = ConvGeometry(
            batch: shape[0], inChannels: outChannels, inHeight: outH, inWidth: outW,
            outChannels: shape[1], outHeight: shape[2], outWidth: shape[3],
            kernelHeight: kH, kernelWidth: kW,
            strideH: stride.0, strideW: stride.1, padH: padding.0, padW: padding.1,
            dilationH: dilation.0, dilationW: dilation.1, groups: groups)
        return Tensor.transposedConvolution(self, weight, bias, geometry)
    }
}
