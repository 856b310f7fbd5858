import LatentNN

/// The non-saturating GAN loss (Goodfellow et al. 2014; the DCGAN objective): binary cross-entropy,
/// real scores against 1 and fake against 0 for the discriminator, fake scores against 1 for the
/// generator (`−E log D(G(z))`).
public struct NonSaturatingObjective: GANObjective {
    /// Whether the discriminator puts out logits or probabilities.
    public let output: DiscriminatorOutput

    public var name: String { "non-saturating" }

    public init(output: DiscriminatorOutput = .logits) {
        self.output = output
    }

    public func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        output.discriminatorLoss(real: real, fake: fake, realTarget: realTarget)
    }

    public func generatorLoss(fake: Tensor, real: Tensor) -> Tensor {
        output.crossEntropy(fake, target: 1)
    }

    public func probabilities(_ scores: Tensor) -> Tensor { output.probabilities(scores) }
}
