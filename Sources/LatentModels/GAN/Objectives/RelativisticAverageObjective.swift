import LatentNN

/// The relativistic average GAN loss with cross-entropy (RaSGAN, Jolicoeur-Martineau 2019): the
/// discriminator judges whether a sample is more real than the average of the other kind,
/// `D̃(x_r) = σ(C(x_r) − E C(x_f))` and `D̃(x_f) = σ(C(x_f) − E C(x_r))`. The discriminator minimizes
/// `−E log D̃(x_r) − E log(1 − D̃(x_f))`; the generator, symmetrically, `−E log D̃(x_f) − E log(1 − D̃(x_r))`.
/// Scores are logits C(x).
public struct RelativisticAverageObjective: GANObjective {
    public var name: String { "relativistic-average" }
    public var generatorUsesRealScores: Bool { true }

    public init() {}

    public func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        let (realOverFake, fakeOverReal) = Self.relative(real: real, fake: fake)
        return DiscriminatorOutput.logits.crossEntropy(realOverFake, target: realTarget)
            + DiscriminatorOutput.logits.crossEntropy(fakeOverReal, target: 0)
    }

    public func generatorLoss(fake: Tensor, real: Tensor) -> Tensor {
        let (realOverFake, fakeOverReal) = Self.relative(real: real, fake: fake)
        return DiscriminatorOutput.logits.crossEntropy(fakeOverReal, target: 1)
            + DiscriminatorOutput.logits.crossEntropy(realOverFake, target: 0)
    }

    public func probabilities(_ scores: Tensor) -> Tensor { DiscriminatorOutput.logits.probabilities(scores) }

    /// `C(x_r) − E C(x_f)` and `C(x_f) − E C(x_r)`.
    private static func relative(real: Tensor, fake: Tensor) -> (Tensor, Tensor) {
        (real - fake.mean(), fake - real.mean())
    }
}
