import LatentNN

/// The semi-supervised discriminator of Salimans et al. 2016: K class logits l₁…l_K, with the (K+1)-th, "fake",
/// logit fixed at 0, so that p(real) = Z / (Z + 1) with Z = Σₖ exp(lₖ).
///
/// Its heads are the class logits `[N, K]` (`HeadName.classLogits`) and the score log Z = logsumexp(l) `[N, 1]`,
/// the logit of p(real): σ(log Z) = Z / (Z + 1), computed stably. Images are flattened first. Saved as
/// `trunk.…` (the layers up to the features) and `head.…` (the layers from the features to the logits).
public final class ClassLogitDiscriminator: Module, LogitHeadDiscriminator {
    /// The layers from the flattened images to the features.
    public let trunk: Sequential
    /// The layers from the features to the class logits.
    public let head: Sequential

    /// The discriminator whose features are `trunk`'s output and whose class logits are `head`'s.
    public init(trunk: Sequential, head: Sequential) {
        self.trunk = trunk
        self.head = head
        super.init()
    }

    public func heads(_ sample: Tensor) -> Heads {
        let logits = head(features(sample))
        return Heads(score: logits.logSumExp(axes: [1], keepDims: true), [.classLogits: logits])
    }

    /// The class logits `[N, K]` of the images `x`, in evaluation mode (no noise) and without history.
    public func classLogits(_ x: Tensor) -> Tensor {
        evaluated(.classLogits, x)
    }
}
