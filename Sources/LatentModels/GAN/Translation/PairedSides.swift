import LatentNN

/// The sides of a paired translation GAN (pix2pix): a real batch `[N, C_A + C_B, H, W]` is `(A, B)`, the
/// fake side `(A, G(A))` with A the latent input `SourceImagePrior` took from the same batch.
public struct PairedSides: Sides {
    /// How many of a batch's channels are the source A.
    public let sourceChannels: Int

    /// The sides for batches whose first `sourceChannels` channels are the source images.
    public init(sourceChannels: Int) {
        self.sourceChannels = sourceChannels
    }

    public func real(_ x: Tensor, labels: [Int]?) -> ImagePair {
        precondition(x.shape.count == 4 && x.shape[1] > sourceChannels,
                     "PairedSides: a batch of pairs must be [N, >\(sourceChannels), H, W], got \(x.shape)")
        let parts = x.split(sizes: [sourceChannels, x.shape[1] - sourceChannels], axis: 1)
        return ImagePair(sources: parts[0], images: parts[1])
    }

    public func fake(_ images: Tensor, from latent: Latent) -> ImagePair {
        ImagePair(sources: latent.noise, images: images)
    }
}
