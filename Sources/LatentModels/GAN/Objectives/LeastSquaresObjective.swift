import LatentNN

/// The least-squares GAN loss (Mao et al. 2017) with targets a = 0 (fake), b = 1 (real) and c = 1 (what
/// the generator aims for): the discriminator minimizes `½E(D(x) − b)² + ½E(D(G(z)) − a)²`, the
/// generator `½E(D(G(z)) − c)²`. Scores are read as probabilities clamped to [0, 1].
public struct LeastSquaresObjective: GANObjective {
    /// The target of fake samples for the discriminator.
    public let a: Float
    /// The target of real samples for the discriminator (lowered by label smoothing).
    public let b: Float
    /// The target the generator aims its samples' scores at.
    public let c: Float

    public var name: String { "least-squares" }

    public init(a: Float = 0, b: Float = 1, c: Float = 1) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// Real samples aim at `b · realTarget` (b itself without label smoothing).
    public func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        0.5 * (real - b * realTarget).square().mean() + 0.5 * (fake - a).square().mean()
    }

    public func generatorLoss(fake: Tensor, real: Tensor) -> Tensor {
        0.5 * (fake - c).square().mean()
    }

    public func probabilities(_ scores: Tensor) -> Tensor {
        withoutGrad { scores.clamp(min: 0, max: 1) }
    }
}
