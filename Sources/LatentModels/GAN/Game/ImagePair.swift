import LatentNN

/// An image with its partner: `(A, B)` on the real side and `(A, G(A))` on the fake side of a paired
/// translation GAN (pix2pix), whose discriminator judges whether B belongs with A. `images` is the
/// partner being judged, so augmentation, instance noise and penalties act on B and G(A).
public struct ImagePair: AdversarialSample {
    /// The partner images, `[N, C_B, H, W]`.
    public let images: Tensor
    /// The images they were made from, `[N, C_A, H, W]`.
    public let sources: Tensor

    /// `images` each beside its source; stops when the counts or the spatial sizes differ.
    public init(sources: Tensor, images: Tensor) {
        precondition(sources.shape.count == 4 && images.shape.count == 4
                     && sources.shape[0] == images.shape[0] && sources.shape[2...] == images.shape[2...],
                     "ImagePair: sources \(sources.shape) and images \(images.shape) must be [N, C, H, W] of one count and size")
        self.sources = sources
        self.images = images
    }

    /// Sources and images side by side on the channel axis, `[N, C_A + C_B, H, W]`: what a discriminator
    /// of pairs reads.
    public var stacked: Tensor { Tensor.concatenated([sources, images], axis: 1) }

    public func replacingImages(_ images: Tensor) -> ImagePair { ImagePair(sources: sources, images: images) }

    public func detached() -> ImagePair { ImagePair(sources: sources.detached(), images: images.detached()) }
}
