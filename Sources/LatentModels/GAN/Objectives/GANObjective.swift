import LatentNN

/// How a GAN turns the discriminator's scores into its two losses.
public protocol GANObjective: Sendable {
    /// A short name for configurations and logs, such as `non-saturating`.
    var name: String { get }
    /// Whether the discriminator's loss compares real scores with a target that one-sided label
    /// smoothing can lower (false for the Wasserstein and hinge losses, which have no targets).
    var hasRealTarget: Bool { get }
    /// Whether the generator's loss reads the scores of real samples (relativistic losses).
    var generatorUsesRealScores: Bool { get }
    /// The discriminator's loss from its scores on a real batch and on a fake batch, with real samples
    /// aimed at `realTarget` (1, or 0.9 with one-sided label smoothing) where the loss has targets.
    func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor
    /// The generator's loss from the discriminator's scores on a fake batch and, for relativistic
    /// losses, on a real batch (other objectives ignore `real`).
    func generatorLoss(fake: Tensor, real: Tensor) -> Tensor
    /// What scores stand for as probabilities of being real (D(x) and D(G(z)) in logs, where 0.5
    /// separates the two sides), without history.
    func probabilities(_ scores: Tensor) -> Tensor
}

extension GANObjective {
    public var hasRealTarget: Bool { true }
    public var generatorUsesRealScores: Bool { false }

    /// The discriminator's loss with real samples aimed at 1.
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        discriminatorLoss(real: real, fake: fake, realTarget: 1)
    }

    /// The generator's loss for an objective that does not read real scores.
    public func generatorLoss(fake: Tensor) -> Tensor {
        precondition(!generatorUsesRealScores, "\(name): the generator's loss needs the real samples' scores")
        return generatorLoss(fake: fake, real: fake)
    }
}

/// What a discriminator's last layer puts out.
public enum DiscriminatorOutput: String, Sendable {
    /// Unbounded scores, read as logits of the probability of being real.
    case logits
    /// Probabilities of being real (a discriminator that ends in a sigmoid).
    case probabilities

    /// The mean binary cross-entropy of `scores` against `target`.
    func crossEntropy(_ scores: Tensor, target: Float) -> Tensor {
        let targets = Tensor.full(scores.shape, target)
        switch self {
        case .logits: return binaryCrossEntropyWithLogits(scores, targets)
        case .probabilities: return binaryCrossEntropy(scores, targets)
        }
    }

    /// The cross-entropy loss of a discriminator: real scores against `realTarget`, fake scores against 0.
    func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        crossEntropy(real, target: realTarget) + crossEntropy(fake, target: 0)
    }

    /// The probabilities that `scores` stand for, without history.
    func probabilities(_ scores: Tensor) -> Tensor {
        withoutGrad { self == .logits ? scores.sigmoid() : scores.detached() }
    }
}
