// Batch normalization as single operations: the forward pass reads the input twice (statistics,
// then output) and the backward pass twice (sums, then input gradient). When the backward pass is
// recorded (gradients of gradients), the gradients are composed of differentiable ops instead.

extension Tensor {
    /// Batch normalization with the batch's statistics, as `torch.nn.functional.batch_norm` in
    /// training mode: each channel (axis 1) of [N, C] or [N, C, …] input is normalized by its mean
    /// and biased variance over every other axis, then multiplied by `weight` and shifted by `bias`
    /// (both of shape [C], when given).
    ///
    /// Also returns the batch's mean and biased variance, of shape [C], without history, for
    /// updating running statistics.
    public func batchNorm(
        weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5
    ) -> (output: Tensor, mean: Tensor, variance: Tensor) {
        checkBatchNorm(weight: weight, bias: bias, statistics: [], op: "batchNorm")
        let layout = ChannelLayout(shape)
        precondition(layout.perChannel > 0, "batchNorm: expected at least 1 value per channel, got shape \(shape)")
        let channels = layout.channels
        // Sums of values shifted by each channel's first value keep the variance accurate when the
        // mean is large compared with the spread.
        let first = (0..<channels).map { storage.pointer[$0 * layout.spatial] }
        let sums = BatchNormKernel.channelSums(self, shift: first, times: self, shift: first, layout: layout)
        let n = Double(layout.perChannel)
        var mean = [Float](), variance = [Float](), invstd = [Float]()
        for c in 0..<channels {
            let shiftedMean = sums.first[c] / n
            let biased = Swift.max(sums.second[c] / n - shiftedMean * shiftedMean, 0)
            mean.append(Float(Double(first[c]) + shiftedMean))
            variance.append(Float(biased))
            invstd.append(Float(1 / (biased + Double(eps)).squareRoot()))
        }
        let scale = weight.map { zip($0.values, invstd).map(*) } ?? invstd
        let offset = bias?.values ?? [Float](repeating: 0, count: channels)
        let output = BatchNormKernel.normalize(self, center: mean, scale: scale, offset: offset, layout: layout)
        let result = Tensor.result(output, inputs: [self] + [weight, bias].compactMap { $0 }) { c in
            if GradMode.isRecording {
                return composedBatchNormGradients(c, hasWeight: weight != nil, hasBias: bias != nil, eps: eps)
            }
            return fusedBatchNormGradients(c, hasWeight: weight != nil, hasBias: bias != nil,
                                           mean: mean, invstd: invstd, layout: layout)
        }
        return (result, Tensor(mean), Tensor(variance))
    }

    /// Batch normalization with given statistics, as `torch.nn.functional.batch_norm` in
    /// evaluation mode: `(x − runningMean) / √(runningVar + eps) · weight + bias` for each channel
    /// (axis 1) of [N, C] or [N, C, …] input, with every argument of shape [C].
    ///
    /// Gradients flow to the input, weight and bias; the statistics are constants.
    public func batchNorm(
        runningMean: Tensor, runningVar: Tensor, weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5
    ) -> Tensor {
        checkBatchNorm(weight: weight, bias: bias, statistics: [runningMean, runningVar], op: "batchNorm")
        let layout = ChannelLayout(shape)
        let channels = layout.channels
        let center = runningMean.values
        let invstd = runningVar.values.map { 1 / ($0 + eps).squareRoot() }
        let scale = weight.map { zip($0.values, invstd).map(*) } ?? invstd
        let zeros = [Float](repeating: 0, count: channels)
        let output = BatchNormKernel.normalize(self, center: center, scale: scale, offset: bias?.values ?? zeros, layout: layout)
        let hasWeight = weight != nil, hasBias = bias != nil
        return Tensor.result(output, inputs: [self] + [weight, bias].compactMap { $0 }) { c in
            let x = c.inputs[0], g = c.grad
            var gradients: [Tensor?] = []
            if GradMode.isRecording {
                let broadcast = [1, channels] + [Int](repeating: 1, count: x.rank - 2)
                let invstdTensor = Tensor(invstd, shape: broadcast)
                let axes = [0] + Array(2..<x.rank)
                gradients.append(c.needs(0) ? g * (hasWeight ? c.inputs[1].reshaped(broadcast) * invstdTensor : invstdTensor) : nil)
                if hasWeight {
                    let normalized = (x - Tensor(center, shape: broadcast)) * invstdTensor
                    gradients.append(c.needs(1) ? (g * normalized).sum(axes: axes) : nil)
                }
                if hasBias { gradients.append(c.needs(c.inputs.count - 1) ? g.sum(axes: axes) : nil) }
                return gradients
            }
            // The weight's current values, which an optimizer may have changed since the forward pass.
            let currentScale = hasWeight ? zip(c.inputs[1].values, invstd).map(*) : invstd
            gradients.append(c.needs(0)
                ? BatchNormKernel.normalize(g, center: zeros, scale: currentScale, offset: zeros, layout: layout) : nil)
            if hasWeight || hasBias {
                let sums = BatchNormKernel.channelSums(g, shift: zeros, times: x, shift: center, layout: layout)
                if hasWeight {
                    gradients.append(c.needs(1) ? Tensor(zip(sums.second, invstd).map { Float($0 * Double($1)) }) : nil)
                }
                if hasBias { gradients.append(c.needs(c.inputs.count - 1) ? Tensor(sums.first.map { Float($0) }) : nil) }
            }
            return gradients
        }
    }

    private func checkBatchNorm(weight: Tensor?, bias: Tensor?, statistics: [Tensor], op: String) {
        let perChannel = [weight, bias].compactMap { $0 } + statistics
        precondition(rank >= 2 && perChannel.allSatisfy { $0.shape == [shape[1]] },
                     "\(op): expected input [N, C, …] and per-channel arguments of shape [C], got shapes \(shape) and \(perChannel.map(\.shape))")
    }
}

/// The training-mode gradients from the statistics saved by the forward pass, in two passes over
/// the input: `dx = weight · invstd · (dy − mean(dy) − x̂ · mean(dy · x̂))`, `dweight = Σ dy · x̂`,
/// `dbias = Σ dy`, with `x̂ = (x − mean) · invstd`.
private func fusedBatchNormGradients(
    _ c: BackwardContext, hasWeight: Bool, hasBias: Bool, mean: [Float], invstd: [Float], layout: ChannelLayout
) -> [Tensor?] {
    let x = c.inputs[0]
    let zeros = [Float](repeating: 0, count: layout.channels)
    // Σ dy and Σ dy · (x − mean) for each channel.
    let sums = BatchNormKernel.channelSums(c.grad, shift: zeros, times: x, shift: mean, layout: layout)
    var gradients: [Tensor?] = []
    if c.needs(0) {
        let n = Double(layout.perChannel)
        let gradMean = sums.first.map { Float($0 / n) }
        let slope = (0..<layout.channels).map { Float(sums.second[$0] / n) * invstd[$0] * invstd[$0] }
        let scale = hasWeight ? zip(c.inputs[1].values, invstd).map(*) : invstd
        gradients.append(BatchNormKernel.inputGradient(
            c.grad, x, shift: gradMean, center: mean, slope: slope, scale: scale, layout: layout))
    } else {
        gradients.append(nil)
    }
    if hasWeight {
        gradients.append(c.needs(1) ? Tensor(zip(sums.second, invstd).map { Float($0 * Double($1)) }) : nil)
    }
    if hasBias { gradients.append(c.needs(c.inputs.count - 1) ? Tensor(sums.first.map { Float($0) }) : nil) }
    return gradients
}

/// The training-mode gradients composed of differentiable ops, recomputing the statistics from the
/// input so that gradients of these gradients account for them.
private func composedBatchNormGradients(_ c: BackwardContext, hasWeight: Bool, hasBias: Bool, eps: Float) -> [Tensor?] {
    let x = c.inputs[0], g = c.grad
    let axes = [0] + Array(2..<x.rank)
    let channels = x.shape[1]
    let broadcast = [1, channels] + [Int](repeating: 1, count: x.rank - 2)
    let inverseCount: Float = 1 / Float(x.count / channels)
    let centered = x - x.mean(axes: axes, keepDims: true)
    let invstd = 1 / (centered.square().mean(axes: axes, keepDims: true) + eps).sqrt()
    let normalized = centered * invstd
    let gradSum = g.sum(axes: axes, keepDims: true)
    let projection = (g * normalized).sum(axes: axes, keepDims: true)
    var gradients: [Tensor?] = []
    if c.needs(0) {
        let scale = hasWeight ? invstd * c.inputs[1].reshaped(broadcast) : invstd
        let centeredGrad = g - gradSum * inverseCount - normalized * (projection * inverseCount)
        gradients.append(centeredGrad * scale)
    } else {
        gradients.append(nil)
    }
    if hasWeight { gradients.append(c.needs(1) ? projection.reshaped([channels]) : nil) }
    if hasBias { gradients.append(c.needs(c.inputs.count - 1) ? gradSum.reshaped([channels]) : nil) }
    return gradients
}
