import LatentNN

/// Images with the latent input they were generated from: the generator's side carries its `Latent`, the
/// data's side none. A discriminator judges the images alone; terms read the latent (ClusterGAN's cycle
/// losses compare it with what an encoder recovers from the images).
public struct LatentImages: AdversarialSample {
    public let images: Tensor
    /// The latent input the images were generated from; nil for the data's images.
    public let latent: Latent?

    /// `images`, generated from `latent` (nil for real images).
    public init(images: Tensor, latent: Latent?) {
        self.images = images
        self.latent = latent
    }

    public func replacingImages(_ images: Tensor) -> LatentImages { LatentImages(images: images, latent: latent) }

    public func detached() -> LatentImages { LatentImages(images: images.detached(), latent: latent) }
}

/// The sides of a game whose terms read the generator's latent input: real images without one, generated
/// images with theirs.
public struct LatentSides: Sides {
    /// The sides of images with their latent inputs.
    public init() {}

    public func real(_ x: Tensor, labels: [Int]?) -> LatentImages { LatentImages(images: x, latent: nil) }

    public func fake(_ images: Tensor, from latent: Latent) -> LatentImages { LatentImages(images: images, latent: latent) }
}

/// A discriminator of images alone, for samples that carry more than their images: its network reads
/// `images` and is saved under the network's own parameter names.
public final class ImageDiscriminator<Sample: AdversarialSample>: Module, Discriminating {
    /// The network judging the images, returning `[N, 1]` scores.
    public let network: Sequential

    /// The discriminator that runs `network` on a sample's images.
    public init(_ network: Sequential) {
        self.network = network
        super.init()
    }

    public func heads(_ sample: Sample) -> Heads { network.heads(sample.images) }

    public func features(_ sample: Sample) -> Tensor { network.features(sample.images) }
}
