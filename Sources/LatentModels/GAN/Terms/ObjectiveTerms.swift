import LatentNN

/// The objective's loss for the discriminator: its scores on the real side aimed at `realTarget` (1, or
/// 1 − s with one-sided label smoothing), on the fake side at 0.
public struct DiscriminatorObjective<Sample: AdversarialSample>: Term {
    /// The objective whose discriminator loss this is.
    public let objective: any GANObjective
    /// What real scores are aimed at: 1, or 1 − s with label smoothing s.
    public let realTarget: Float

    /// The discriminator loss of `objective` with real scores aimed at `realTarget`.
    public init(_ objective: any GANObjective, realTarget: Float = 1) {
        self.objective = objective
        self.realTarget = realTarget
    }

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        objective.discriminatorLoss(real: verdict.realHeads.score, fake: verdict.fakeHeads.score, realTarget: realTarget)
    }
}

/// The objective's loss for the generator: from the discriminator's scores on the fake side and, for a
/// relativistic objective, on the real side, read as constants.
public struct GeneratorObjective<Sample: AdversarialSample>: Term {
    /// The objective whose generator loss this is.
    public let objective: any GANObjective

    /// The generator loss of `objective`.
    public init(_ objective: any GANObjective) {
        self.objective = objective
    }

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        let fake = verdict.fakeHeads.score
        return objective.generatorLoss(fake: fake, real: objective.generatorUsesRealScores ? verdict.realHeads.score.detached() : fake)
    }
}
