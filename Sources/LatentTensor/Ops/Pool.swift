// Pooling over the last two axes of [N, C, H, W] batches, as PyTorch's F.avg_pool2d, F.max_pool2d and
// F.adaptive_avg_pool2d with ceil_mode=False.

extension Tensor {
    /// The average of each `kernelSize` window, moved by `stride` (the kernel size by default) over the
    /// image padded with `padding` zeros; padded positions count in the divisor when `countIncludePad` is set.
    public func avgPool2d(
        kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), countIncludePad: Bool = true
    ) -> Tensor {
        let step = stride ?? kernelSize
        checkPooling(kernelSize: kernelSize, stride: step, padding: padding, op: "avgPool2d")
        let rows = AxisTaps.window(input: shape[2], kernel: kernelSize.0, stride: step.0, padding: padding.0,
                                   countPadding: countIncludePad)
        let cols = AxisTaps.window(input: shape[3], kernel: kernelSize.1, stride: step.1, padding: padding.1,
                                   countPadding: countIncludePad)
        return Tensor.resampled(self, rows: rows, cols: cols)
    }

    /// The largest value of each `kernelSize` window, moved by `stride` (the kernel size by default) over
    /// the image padded with `padding` positions that never win; the gradient goes to the winning position.
    public func maxPool2d(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) -> Tensor {
        let step = stride ?? kernelSize
        checkPooling(kernelSize: kernelSize, stride: step, padding: padding, op: "maxPool2d")
        let outH = ConvGeometry.outputSize(input: shape[2], kernel: kernelSize.0, stride: step.0, padding: padding.0, dilation: 1)
        let outW = ConvGeometry.outputSize(input: shape[3], kernel: kernelSize.1, stride: step.1, padding: padding.1, dilation: 1)
        // Without a gradient to route, the winning positions are not needed.
        let (values, found) = MaxPooling.forward(
            self, kernel: kernelSize, stride: step, padding: padding, outH: outH, outW: outW,
            findPositions: GradMode.isRecording && requiresGrad)
        guard let positions = found else { return values }
        let inputShape = shape
        return Tensor.result(values, inputs: [self]) { c in
            [Tensor.scatterToImage(c.grad, positions: positions, inputShape: inputShape)]
        }
    }

    /// The average over windows that split the image into `outputSize` nearly equal parts, as
    /// PyTorch's `F.adaptive_avg_pool2d`; `(1, 1)` is global average pooling.
    public func adaptiveAvgPool2d(outputSize: (Int, Int)) -> Tensor {
        precondition(rank == 4, "adaptiveAvgPool2d: expected input [N, C, H, W], got shape \(shape)")
        precondition(outputSize.0 >= 1 && outputSize.1 >= 1,
                     "adaptiveAvgPool2d: output size must be positive, got \(outputSize) for shape \(shape)")
        let rows = AxisTaps.adaptive(input: shape[2], output: outputSize.0)
        let cols = AxisTaps.adaptive(input: shape[3], output: outputSize.1)
        return Tensor.resampled(self, rows: rows, cols: cols)
    }

    private func checkPooling(kernelSize: (Int, Int), stride: (Int, Int), padding: (Int, Int), op: String) {
        precondition(rank == 4, "\(op): expected input [N, C, H, W], got shape \(shape)")
        precondition(kernelSize.0 >= 1 && kernelSize.1 >= 1, "\(op): kernel size must be positive, got \(kernelSize)")
        ConvArguments.check(stride: stride, padding: padding, dilation: (1, 1), groups: 1, op: op)
        precondition(padding.0 <= kernelSize.0 / 2 && padding.1 <= kernelSize.1 / 2,
                     "\(op): padding \(padding) must be at most half the kernel size \(kernelSize)")
        precondition(shape[2] + 2 * padding.0 >= kernelSize.0 && shape[3] + 2 * padding.1 >= kernelSize.1,
                     "\(op): kernel size \(kernelSize) is larger than the padded input of shape \(shape)")
    }

    /// Each image weighted separably by row and column taps: a linear map whose gradient is its transpose.
    static func resampled(_ x: Tensor, rows: AxisTaps, cols: AxisTaps) -> Tensor {
        result(Resample.forward(x, rows: rows, cols: cols), inputs: [x]) { c in
            [resampledTranspose(c.grad, rows: rows, cols: cols)]
        }
    }

    /// The transpose of `resampled`, whose gradient is `resampled` again.
    static func resampledTranspose(_ g: Tensor, rows: AxisTaps, cols: AxisTaps) -> Tensor {
        result(Resample.adjoint(g, rows: rows, cols: cols), inputs: [g]) { c in
            [resampled(c.grad, rows: rows, cols: cols)]
        }
    }

    /// Window values added into zeros of `inputShape` at the positions max pooling chose.
    static func scatterToImage(_ g: Tensor, positions: Tensor, inputShape: [Int]) -> Tensor {
        result(MaxPooling.scatter(g, positions: positions, inputShape: inputShape), inputs: [g]) { c in
            [gatherFromImage(c.grad, positions: positions)]
        }
    }

    /// Image values read at the positions max pooling chose: the transpose of `scatterToImage`.
    static func gatherFromImage(_ x: Tensor, positions: Tensor) -> Tensor {
        let inputShape = x.shape
        return result(MaxPooling.gather(x, positions: positions), inputs: [x]) { c in
            [scatterToImage(c.grad, positions: positions, inputShape: inputShape)]
        }
    }
}
