import LatentNN

/// How the two sides of a game are put in the discriminator's `Sample`: the real side from a batch of
/// data, the fake side from the generator's images and the latent input they came from. A side may run
/// other players (a BiGAN's real side is `(x, E(x))`).
public protocol Sides<Sample> {
    associatedtype Sample: AdversarialSample
    /// The real side for the data's images `x` and their labels (nil when the data has none), with
    /// history through the players it runs.
    func real(_ x: Tensor, labels: [Int]?) -> Sample
    /// The fake side for the generator's `images`, made from `latent`.
    func fake(_ images: Tensor, from latent: Latent) -> Sample
}

/// The sides of an unconditional GAN: the images alone.
public struct ImageSides: Sides {
    /// The sides of images alone.
    public init() {}

    public func real(_ x: Tensor, labels: [Int]?) -> Tensor { x }

    public func fake(_ images: Tensor, from latent: Latent) -> Tensor { images }
}

/// The sides of a class-conditional GAN: real images with the data's labels, fake images with the classes
/// they were generated for (without labels, the classes 0, 1, … in turn).
public struct LabelledSides: Sides {
    /// How many classes there are.
    public let classCount: Int

    /// The sides for `classCount` classes.
    public init(classCount: Int) {
        self.classCount = classCount
    }

    public func real(_ x: Tensor, labels: [Int]?) -> LabelledImages {
        LabelledImages(images: x, labels: labels ?? cyclingLabels(count: x.shape[0], classCount: classCount))
    }

    public func fake(_ images: Tensor, from latent: Latent) -> LabelledImages {
        LabelledImages(images: images, labels: latent.labels(classCount: classCount))
    }
}
