import LatentNN

/// Feature matching for the generator (Salimans et al. 2016): `‖E f(G(z)) − E f(x)‖²` over the
/// discriminator's features f, the real side's mean read as a constant. It replaces the objective's
/// generator loss.
public struct FeatureMatching<Sample: AdversarialSample>: Term {
    /// Feature matching on the discriminator's `features`.
    public init() {}

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        let fake = verdict.discriminator.features(verdict.fake).mean(axis: 0)
        let real = withoutGrad { verdict.discriminator.features(verdict.real).mean(axis: 0) }
        return (fake - real).square().sum()
    }
}
