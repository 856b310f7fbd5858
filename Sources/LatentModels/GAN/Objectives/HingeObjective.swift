import LatentNN

/// The hinge GAN loss (Lim & Ye 2017; Miyato et al. 2018 with spectral normalization): the
/// discriminator minimizes `E max(0, 1 − D(x)) + E max(0, 1 + D(G(z)))`, the generator `−E D(G(z))`.
/// As probabilities, scores are read through a sigmoid, so a positive score counts as "real".
public struct HingeObjective: GANObjective {
    public var name: String { "hinge" }
    public var hasRealTarget: Bool { false }

    public init() {}

    public func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        (1 - real).relu().mean() + (1 + fake).relu().mean()
    }

    public func generatorLoss(fake: Tensor, real: Tensor) -> Tensor {
        -fake.mean()
    }

    public func probabilities(_ scores: Tensor) -> Tensor { DiscriminatorOutput.logits.probabilities(scores) }
}
