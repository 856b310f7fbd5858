import LatentTensor

/// Pixelwise feature normalization of ProGAN (Karras et al. 2018): each sample's feature vector at
/// each pixel divided by its root mean square over the channels (axis 1), `x / √(mean(x²) + eps)`.
/// Works on [N, C] and [N, C, H, W]; it has no parameters.
public final class PixelNorm: Module, Layer {
    public let eps: Float

    public init(eps: Float = 1e-8) {
        precondition(eps > 0 && eps.isFinite, "PixelNorm: eps must be positive and finite, got \(eps)")
        self.eps = eps
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2, "PixelNorm: expected input [N, C, …], got shape \(x.shape)")
        return x / (x.square().mean(axis: 1, keepDims: true) + eps).sqrt()
    }
}
