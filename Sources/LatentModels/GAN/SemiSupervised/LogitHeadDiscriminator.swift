import LatentNN

/// A discriminator of flattened images made of a `trunk`, whose output is its features, and a `head` from the
/// features to its logits: the semi-supervised discriminators' shared parts.
public protocol LogitHeadDiscriminator: Discriminating<Tensor> {
    /// The layers from the flattened images to the features.
    var trunk: Sequential { get }
    /// The layers from the features to the logits.
    var head: Sequential { get }
}

extension LogitHeadDiscriminator {
    /// The trunk's output on the flattened images: feature matching's features.
    public func features(_ sample: Tensor) -> Tensor {
        trunk(sample.reshaped([sample.shape[0], -1]))
    }

    /// The head `name` on the images `x`, in evaluation mode (no noise) and without history; the
    /// discriminator's mode is restored afterwards.
    public func evaluated(_ name: HeadName, _ x: Tensor) -> Tensor {
        let wasTraining = training
        _ = eval()
        defer { _ = train(wasTraining) }
        return withoutGrad { heads(x)[name] }
    }

    /// Data-dependent initialization of the layers that have it, on the images `x` (see `Sequential.initializeFromData`).
    public func initializeFromData(_ x: Tensor) {
        head.initializeFromData(trunk.initializeFromData(x.reshaped([x.shape[0], -1])))
    }
}
