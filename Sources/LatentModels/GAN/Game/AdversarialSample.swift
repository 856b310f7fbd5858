import LatentNN

/// What a discriminator reads: a batch of images, alone or with what comes with them (their labels, a
/// code, a partner image). Augmentation, instance noise and input-gradient penalties act on `images`.
public protocol AdversarialSample {
    /// The batch's images, `[N, …]`.
    var images: Tensor { get }
    /// The same sample with `images` in place of its images.
    func replacingImages(_ images: Tensor) -> Self
    /// The same sample without history, so that a loss on it trains the discriminator alone.
    func detached() -> Self
}

/// A batch of images on their own: the sample of an unconditional GAN.
extension Tensor: AdversarialSample {
    public var images: Tensor { self }

    public func replacingImages(_ images: Tensor) -> Tensor { images }
}
