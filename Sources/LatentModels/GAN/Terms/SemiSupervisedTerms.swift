import LatentNN

/// The supervised loss of Salimans et al. 2016's discriminator: the cross-entropy of its class logits on a
/// batch of labelled images, `−lₖ(x) + log Σⱼ exp lⱼ(x)` for the label k. Each step draws its batch of
/// `batchSize` from the labelled images with the step's generator: successive random orders of all of them,
/// cut at `batchSize` (the authors' script). Logged as `loss_d_labelled`.
public struct LabelledClassLoss: Term {
    /// The labelled images, `[N, …]`.
    public let images: Tensor
    /// Their classes.
    public let labels: [Int]
    /// Labelled images per step.
    public let batchSize: Int

    public var key: String? { "loss_d_labelled" }

    /// The loss on batches of `batchSize` drawn from `images` of the classes `labels`; stops when there are no
    /// images, the counts differ or `batchSize` is not positive.
    public init(images: Tensor, labels: [Int], batchSize: Int) {
        precondition(!labels.isEmpty && labels.count == images.shape[0],
                     "LabelledClassLoss: \(labels.count) labels for \(images.shape[0]) images")
        precondition(batchSize > 0, "LabelledClassLoss: batch size must be positive, got \(batchSize)")
        self.images = images
        self.labels = labels
        self.batchSize = batchSize
    }

    public func loss(_ verdict: Verdict<Tensor>, random: inout RandomGenerator) -> Tensor {
        let chosen = labelledBatch(batchSize, of: labels.count, random: &random)
        let logits = verdict.discriminator.heads(images.indexSelect(axis: 0, indices: chosen))[.classLogits]
        return crossEntropy(logits, labels: chosen.map { labels[$0] })
    }
}

/// The supervised loss of a multi-label semi-supervised discriminator: the binary cross-entropy of its
/// attribute logits against the 0/1 attributes of a batch of labelled images, averaged over the images and
/// attributes (PyTorch's `BCEWithLogitsLoss`). Batches are drawn as `LabelledClassLoss` draws them. Logged as
/// `loss_d_labelled`.
public struct LabelledAttributeLoss: Term {
    /// The labelled images, `[N, …]`.
    public let images: Tensor
    /// Their attributes, `[N, attributes]`, each 0 or 1.
    public let attributes: Tensor
    /// Labelled images per step.
    public let batchSize: Int

    public var key: String? { "loss_d_labelled" }

    /// The loss on batches of `batchSize` drawn from `images` with the attributes `attributes`; stops when there
    /// are no images, the counts differ or `batchSize` is not positive.
    public init(images: Tensor, attributes: Tensor, batchSize: Int) {
        precondition(attributes.rank == 2 && attributes.shape[0] == images.shape[0] && images.shape[0] > 0,
                     "LabelledAttributeLoss: attributes of shape \(attributes.shape) for \(images.shape[0]) images")
        precondition(batchSize > 0, "LabelledAttributeLoss: batch size must be positive, got \(batchSize)")
        self.images = images
        self.attributes = attributes
        self.batchSize = batchSize
    }

    public func loss(_ verdict: Verdict<Tensor>, random: inout RandomGenerator) -> Tensor {
        let chosen = labelledBatch(batchSize, of: images.shape[0], random: &random)
        let logits = verdict.discriminator.heads(images.indexSelect(axis: 0, indices: chosen))[.attributeLogits]
        return binaryCrossEntropyWithLogits(logits, attributes.indexSelect(axis: 0, indices: chosen))
    }
}

/// `size` positions of `count` labelled images for one step: successive random orders of all of them, cut at
/// `size` (the authors' script).
private func labelledBatch(_ size: Int, of count: Int, random: inout RandomGenerator) -> [Int] {
    var chosen: [Int] = []
    while chosen.count < size {
        chosen += Tensor.permutation(count, generator: &random).prefix(size - chosen.count)
    }
    return chosen
}

/// The unsupervised loss on real images of Salimans et al. 2016: −½ E log D(x) with D(x) = Z/(Z + 1), that is
/// ½ E softplus(−log Z(x)), reading log Z from the score. Logged as `loss_d_unlabelled`.
public struct UnlabelledRealLoss: Term {
    public var key: String? { "loss_d_unlabelled" }

    /// The loss on the real (unlabelled) side.
    public init() {}

    public func loss(_ verdict: Verdict<Tensor>, random: inout RandomGenerator) -> Tensor {
        0.5 * (-verdict.realHeads.score).softplus().mean()
    }
}

/// The unsupervised loss on generated images of Salimans et al. 2016: −½ E log(1 − D(G(z))) with
/// D = Z/(Z + 1), that is ½ E softplus(log Z(G(z))). Logged as `loss_d_fake`.
public struct GeneratedFakeLoss: Term {
    public var key: String? { "loss_d_fake" }

    /// The loss on the generated side.
    public init() {}

    public func loss(_ verdict: Verdict<Tensor>, random: inout RandomGenerator) -> Tensor {
        0.5 * verdict.fakeHeads.score.softplus().mean()
    }
}
