import LatentNN

/// The semi-supervised discriminator of Salimans et al. 2016: K class logits l₁…l_K, with the (K+1)-th, "fake",
/// logit fixed at 0, so that p(real) = Z / (Z + 1) with Z = Σₖ exp(lₖ).
///
/// Its heads are the class logits `[N, K]` (`HeadName.classLogits`) and the score log Z = logsumexp(l) `[N, 1]`,
/// the logit of p(real): σ(log Z) = Z / (Z + 1), computed stably. Images are flattened first. Saved as
/// `trunk.…` (the layers up to the features) and `head.…` (the layers from the features to the logits).
public final class ClassLogitDiscriminator: Module, Discriminating {
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

    /// The trunk's output on the flattened images: feature matching's features.
    public func features(_ sample: Tensor) -> Tensor {
        trunk(sample.reshaped([sample.shape[0], -1]))
    }

    /// The class logits `[N, K]` of the images `x`, in evaluation mode (no noise) and without history; the
    /// discriminator's mode is restored afterwards.
    public func classLogits(_ x: Tensor) -> Tensor {
        let wasTraining = training
        _ = eval()
        defer { _ = train(wasTraining) }
        return withoutGrad { heads(x)[.classLogits] }
    }

    /// Data-dependent initialization of the layers that have it, on the images `x` (see `Sequential.initializeFromData`).
    public func initializeFromData(_ x: Tensor) {
        head.initializeFromData(trunk.initializeFromData(x.reshaped([x.shape[0], -1])))
    }
}
