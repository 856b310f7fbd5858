import LatentTensor

extension Tensor {
    /// Batch normalization of each channel (axis 1) with the mean and biased variance of the global batch:
    /// this rank's `[N, C, …]` input and the other ranks' of `group`, whose shards are all as large. Returns
    /// the output and, without history, the global mean and variance; gradients flow to every rank's input.
    func batchNorm(over group: ProcessGroup, weight: Tensor?, bias: Tensor?, eps: Float) -> (output: Tensor, mean: Tensor, variance: Tensor) {
        let axes = [0] + Array(2..<rank)
        let broadcast = [1, shape[1]] + [Int](repeating: 1, count: rank - 2)
        let mean = self.mean(axes: axes).averaged(over: group)
        let centered = self - mean.reshaped(broadcast)
        let variance = centered.square().mean(axes: axes).averaged(over: group)
        var output = centered / (variance + eps).sqrt().reshaped(broadcast)
        if let weight { output = output * weight.reshaped(broadcast) }
        if let bias { output = output + bias.reshaped(broadcast) }
        return (output, mean.detached(), variance.detached())
    }

    /// The mean of this tensor over the ranks of `group`; its gradient is the mean of the ranks' gradients,
    /// since every rank's loss depends on every rank's input through it.
    func averaged(over group: ProcessGroup) -> Tensor {
        Tensor.custom(inputs: [self], forward: { $0[0].meanOverRanks(group) }) { context in
            [context.grad.averaged(over: group)]
        }
    }

    /// A copy of the values averaged over the ranks of `group`, without history.
    private func meanOverRanks(_ group: ProcessGroup) -> Tensor {
        let result = copy()
        result.withMutableValues { group.sum($0) }
        return result / Float(group.size)
    }
}
