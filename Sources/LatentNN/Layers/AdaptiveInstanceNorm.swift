import LatentTensor

extension Tensor {
    /// Adaptive instance normalization (Huang & Belongie 2017), the style input of StyleGAN (Karras et al.
    /// 2019): each channel of each sample of this `[N, C, H, W]` batch normalized over its spatial axes (biased
    /// variance plus `eps`), then multiplied by `scale` and shifted by `bias`, both `[N, C]`.
    public func adaptiveInstanceNorm(scale: Tensor, bias: Tensor, eps: Float = 1e-8) -> Tensor {
        precondition(rank == 4, "adaptiveInstanceNorm: expected input [N, C, H, W], got shape \(shape)")
        let perChannel = [shape[0], shape[1]]
        precondition(scale.shape == perChannel && bias.shape == perChannel,
                     "adaptiveInstanceNorm: scale and bias must have shape \(perChannel), got \(scale.shape) and \(bias.shape)")
        let normalized = standardize(self, rows: shape[0] * shape[1], eps: eps).normalized
        let broadcast = perChannel + [1, 1]
        return normalized * scale.reshaped(broadcast) + bias.reshaped(broadcast)
    }
}
