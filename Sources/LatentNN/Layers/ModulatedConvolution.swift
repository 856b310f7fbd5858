import LatentTensor

extension Tensor {
    /// StyleGAN2's modulated convolution (Karras et al. 2020): this `[N, Cin, H, W]` batch convolved, sample by
    /// sample, with `weight` (`[Cout, Cin, kH, kW]`) whose input channels are scaled by that sample's `styles`
    /// (`[N, Cin]`); with `demodulate`, each output channel's scaled weights are divided by their norm
    /// `√(Σ w² + eps)`, so that unit-variance inputs give unit-variance outputs. Computed as one convolution
    /// with N groups over the batch folded into channels.
    public func modulatedConv2d(
        weight: Tensor, styles: Tensor, demodulate: Bool, padding: (Int, Int) = (0, 0), eps: Float = 1e-8
    ) -> Tensor {
        precondition(rank == 4 && weight.rank == 4 && weight.shape[1] == shape[1],
                     "modulatedConv2d: expected input [N, Cin, H, W] and weight [Cout, Cin, kH, kW], got shapes \(shape) and \(weight.shape)")
        let (batch, inChannels, outChannels) = (shape[0], shape[1], weight.shape[0])
        precondition(styles.shape == [batch, inChannels],
                     "modulatedConv2d: styles must have shape [\(batch), \(inChannels)], got \(styles.shape)")
        let kernel = [weight.shape[2], weight.shape[3]]
        var perSample = weight.reshaped([1, outChannels, inChannels] + kernel) * styles.reshaped([batch, 1, inChannels, 1, 1])
        if demodulate {
            perSample = perSample / ((perSample * perSample).sum(axes: [2, 3, 4], keepDims: true) + eps).sqrt()
        }
        let y = reshaped([1, batch * inChannels, shape[2], shape[3]]).conv2d(
            weight: perSample.reshaped([batch * outChannels, inChannels] + kernel), padding: padding, groups: batch)
        return y.reshaped([batch, outChannels, y.shape[2], y.shape[3]])
    }
}
