import LatentNN

/// A style-based generator's controls for sampling (StyleGAN): truncated styles, styles mixed across
/// layers and fresh noise maps for the same styles.
public protocol StyleSampling: AnyObject {
    /// The length of a latent vector z (and of a style w).
    var latentSize: Int { get }
    /// The side of each styled layer's feature maps, one per style the synthesis network reads, coarse (4)
    /// to fine.
    var styleSides: [Int] { get }
    /// The styles w of latents `z` `[N, latentSize]`, truncated towards the average style by ψ `truncation`
    /// (1 keeps them), without history in evaluation.
    func styles(_ z: Tensor, truncation: Float) -> Tensor
    /// The images for one style `[N, latentSize]` per layer (`styleCount` of them), with noise maps drawn from
    /// `random`.
    func synthesize(_ styles: [Tensor], random: inout RandomGenerator) -> Tensor
}

extension StyleSampling {
    /// How many styles the synthesis network reads.
    public var styleCount: Int { styleSides.count }
}
