import LatentNN

/// What CycleGAN's two discriminators read of one side of a step: images of domain B (real B, or G_AB(A))
/// and of domain A (real A, or G_BA(B)); the fake side also keeps the real images it was translated from,
/// for the cycle and identity losses. `images` is the B side, so augmentation, instance noise and
/// penalties act on it alone.
public struct UnpairedImages: AdversarialSample {
    /// The domain-B images, `[N, C_B, H, W]`.
    public let images: Tensor
    /// The domain-A images, `[N, C_A, H, W]`.
    public let domainA: Tensor
    /// On the fake side, the real images `(a, b)` that `domainA` and `images` were translated from
    /// (`images` = G_AB(a), `domainA` = G_BA(b)); nil on the real side.
    public let sources: (a: Tensor, b: Tensor)?

    /// The sample of `images` from domain B and `domainA` from domain A, translated from `sources` when given.
    public init(images: Tensor, domainA: Tensor, sources: (a: Tensor, b: Tensor)? = nil) {
        precondition(images.rank == 4 && domainA.rank == 4 && images.shape[0] == domainA.shape[0],
                     "UnpairedImages: the two domains' images must be [N, C, H, W] of one count, got \(images.shape) and \(domainA.shape)")
        self.images = images
        self.domainA = domainA
        self.sources = sources
    }

    public func replacingImages(_ images: Tensor) -> UnpairedImages {
        UnpairedImages(images: images, domainA: domainA, sources: sources)
    }

    public func detached() -> UnpairedImages {
        UnpairedImages(images: images.detached(), domainA: domainA.detached(), sources: sources.map { ($0.a.detached(), $0.b.detached()) })
    }
}

/// The sides of CycleGAN: a batch `[N, C_A + C_B, H, W]` holds unpaired A and B images side by side; the
/// fake side is (G_AB(A), G_BA(B)), the latent input being A with B as its partners (`SourceImagePrior`).
public struct UnpairedSides: Sides {
    /// How many of a batch's channels are domain A.
    public let sourceChannels: Int
    /// G_BA, the generator from domain B to domain A (an ally of the game's generator G_AB).
    public let backward: any GeneratorNetwork

    /// The sides for batches whose first `sourceChannels` channels are domain A, translating B with `backward`.
    public init(sourceChannels: Int, backward: any GeneratorNetwork) {
        self.sourceChannels = sourceChannels
        self.backward = backward
    }

    public func real(_ x: Tensor, labels: [Int]?) -> UnpairedImages {
        precondition(x.rank == 4 && x.shape[1] > sourceChannels,
                     "UnpairedSides: a batch of unpaired images must be [N, >\(sourceChannels), H, W], got \(x.shape)")
        let parts = x.split(sizes: [sourceChannels, x.shape[1] - sourceChannels], axis: 1)
        return UnpairedImages(images: parts[1], domainA: parts[0])
    }

    /// The fake side; without partners (samples made outside a training step, for histograms) the B images
    /// translated to A are blank.
    public func fake(_ images: Tensor, from latent: Latent) -> UnpairedImages {
        let b = latent.partners ?? Tensor.zeros(images.shape)
        return UnpairedImages(images: images, domainA: backward(b), sources: (latent.noise, b))
    }
}
