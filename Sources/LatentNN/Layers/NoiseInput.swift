import LatentTensor

/// StyleGAN's per-layer noise input (Karras et al. 2019): adds to each `[N, C, H, W]` feature map one
/// single-channel map of noise per sample, scaled per channel by the learned `weight` (zeros to start).
public final class NoiseInput: Module {
    /// The channels of the feature maps.
    public let channels: Int
    /// The per-channel scale of the noise, `[channels]`.
    @Parameter public var weight: Tensor

    /// Noise for maps of `channels` channels, scaled by zero until trained.
    public init(channels: Int) {
        precondition(channels > 0, "NoiseInput: channels must be positive, got \(channels)")
        self.channels = channels
        weight = Tensor.zeros([channels])
        super.init()
    }

    /// `x` plus `noise` (`[N, 1, H, W]`) scaled by `weight` in each channel.
    public func callAsFunction(_ x: Tensor, noise: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == channels && noise.shape == [x.shape[0], 1, x.shape[2], x.shape[3]],
                     "NoiseInput: expected input [N, \(channels), H, W] and noise [N, 1, H, W], got shapes \(x.shape) and \(noise.shape)")
        return x + noise * weight.reshaped([1, channels, 1, 1])
    }
}
