import LatentNN

/// What InfoGAN's discriminator reads: images and, on the fake side, the codes they were generated from
/// (which the information loss compares with Q's guesses).
public struct CodedSample: AdversarialSample {
    public let images: Tensor
    /// The codes of generated images; nil for real ones.
    public let codes: LatentCodes?

    public init(images: Tensor, codes: LatentCodes?) {
        self.images = images
        self.codes = codes
    }

    public func replacingImages(_ images: Tensor) -> CodedSample { CodedSample(images: images, codes: codes) }

    public func detached() -> CodedSample { replacingImages(images.detached()) }
}

/// InfoGAN's sides: real images without codes, generated images with the codes `prior` put in their latent vectors.
public struct InfoGANSides: Sides {
    /// The prior whose latent vectors hold the codes.
    public let prior: InfoGANPrior

    public init(prior: InfoGANPrior) {
        self.prior = prior
    }

    public func real(_ x: Tensor, labels: [Int]?) -> CodedSample { CodedSample(images: x, codes: nil) }

    public func fake(_ images: Tensor, from latent: Latent) -> CodedSample {
        CodedSample(images: images, codes: prior.codes(of: latent.noise))
    }
}
