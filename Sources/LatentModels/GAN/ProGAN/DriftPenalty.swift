import LatentNN

/// ProGAN's drift term for the critic (Karras et al. 2018): `ε_drift · E[D(x)²]` on real samples, which
/// keeps a Wasserstein critic's scores from drifting far from zero.
public struct DriftPenalty<Sample: AdversarialSample>: Term {
    /// The weight ε_drift (0.001 in the paper).
    public let epsilon: Float

    public init(epsilon: Float) {
        self.epsilon = epsilon
    }

    public var key: String? { "loss_drift" }

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        verdict.realHeads.score.square().mean() * epsilon
    }
}
