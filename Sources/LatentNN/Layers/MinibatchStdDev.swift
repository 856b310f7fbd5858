import LatentTensor

/// The minibatch standard deviation layer of ProGAN (Karras et al. 2018): appends one feature holding
/// the batch's variety, so that a discriminator can tell a batch of near-identical samples.
///
/// For input `[batch, C, H, W]` (or `[batch, F]`) it takes each feature's standard deviation over the
/// batch, `√(Var + 1e-8)` with the population variance, averages them into one number and appends it
/// as a constant channel: the output is `[batch, C + 1, H, W]` (or `[batch, F + 1]`).
public final class MinibatchStdDev: Module, Layer {
    public override init() { super.init() }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2 || x.rank == 4, "MinibatchStdDev: expected input [batch, F] or [batch, C, H, W], got shape \(x.shape)")
        let deviation = (x.variance(axes: [0], unbiased: false) + 1e-8).sqrt().mean()
        var channelShape = x.shape
        channelShape[1] = 1
        let channel = deviation.reshaped(Array(repeating: 1, count: x.rank)) * Tensor.ones(channelShape)
        return Tensor.concatenated([x, channel], axis: 1)
    }
}
