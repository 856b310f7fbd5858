import LatentNN

/// How a GAN turns the discriminator's scores into its two losses.
public protocol GANObjective: Sendable {
    /// A short name for configurations and logs, such as `non-saturating`.
    var name: String { get }
    /// The discriminator's loss from its scores on a real batch and on a (detached) fake batch.
    func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor
    /// The generator's loss from the discriminator's scores on a fake batch.
    func generatorLoss(fake: Tensor) -> Tensor
    /// The probabilities that scores stand for (D(x) and D(G(z)) in logs), without history.
    func probabilities(_ scores: Tensor) -> Tensor
}

/// The non-saturating GAN loss on logits (the DCGAN objective): binary cross-entropy with logits,
/// real scores against 1 and fake against 0 for the discriminator, fake scores against 1 for the
/// generator.
public struct NonSaturatingLogitObjective: GANObjective {
    public var name: String { "non-saturating" }

    public init() {}

    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        loss(real, target: 1) + loss(fake, target: 0)
    }

    public func generatorLoss(fake: Tensor) -> Tensor {
        loss(fake, target: 1)
    }

    public func probabilities(_ scores: Tensor) -> Tensor {
        withoutGrad { scores.sigmoid() }
    }

    private func loss(_ scores: Tensor, target: Float) -> Tensor {
        binaryCrossEntropyWithLogits(scores, Tensor.full(scores.shape, target))
    }
}

/// The non-saturating GAN loss on probabilities, for discriminators that end in a sigmoid (the MLP
/// GAN): binary cross-entropy, real against 1 and fake against 0 for the discriminator, fake against 1
/// for the generator.
public struct ProbabilityBCEObjective: GANObjective {
    public var name: String { "bce-probabilities" }

    public init() {}

    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        loss(real, target: 1) + loss(fake, target: 0)
    }

    public func generatorLoss(fake: Tensor) -> Tensor {
        loss(fake, target: 1)
    }

    public func probabilities(_ scores: Tensor) -> Tensor {
        scores.detached()
    }

    private func loss(_ scores: Tensor, target: Float) -> Tensor {
        binaryCrossEntropy(scores, Tensor.full(scores.shape, target))
    }
}
