import LatentNN

/// The Wasserstein GAN loss (Arjovsky et al. 2017): the critic minimizes `E C(G(z)) − E C(x)`, the
/// generator minimizes `−E C(G(z))`. Needs a Lipschitz critic: weight clipping or a gradient penalty.
/// As probabilities, scores are read through a sigmoid, so a positive score counts as "real".
public struct WassersteinObjective: GANObjective {
    public var name: String { "wasserstein" }
    public var hasRealTarget: Bool { false }

    public init() {}

    public func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        fake.mean() - real.mean()
    }

    public func generatorLoss(fake: Tensor, real: Tensor) -> Tensor {
        -fake.mean()
    }

    public func probabilities(_ scores: Tensor) -> Tensor { DiscriminatorOutput.logits.probabilities(scores) }
}
