import LatentNN

/// The semi-supervised discriminator of a multi-label data set (CelebA's 40 binary attributes): one logistic
/// output per attribute, and one more for real against fake. The K + 1 form of `ClassLogitDiscriminator` needs
/// classes that exclude each other; independent attributes get their own real/fake logit instead.
///
/// Its heads are the attribute logits `[N, K]` (`HeadName.attributeLogits`; attribute k is present where its
/// logit is positive) and the score `[N, 1]`, the real/fake logit, the head's last output. Images are flattened
/// first. Saved as `trunk.…` and `head.…` like `ClassLogitDiscriminator`.
public final class AttributeLogitDiscriminator: Module, LogitHeadDiscriminator {
    public let trunk: Sequential
    public let head: Sequential
    /// How many attributes it predicts.
    public let attributeCount: Int

    /// The discriminator whose features are `trunk`'s output and whose `head` gives `attributeCount` attribute
    /// logits followed by the real/fake logit.
    public init(trunk: Sequential, head: Sequential, attributeCount: Int) {
        precondition(attributeCount >= 1, "AttributeLogitDiscriminator: needs at least one attribute, got \(attributeCount)")
        self.trunk = trunk
        self.head = head
        self.attributeCount = attributeCount
        super.init()
    }

    public func heads(_ sample: Tensor) -> Heads {
        let logits = head(features(sample))
        precondition(logits.shape[1] == attributeCount + 1,
                     "AttributeLogitDiscriminator: the head gives \(logits.shape[1]) logits, expected \(attributeCount) attributes + 1")
        return Heads(score: logits.slice(axis: 1, range: attributeCount...),
                     [.attributeLogits: logits.slice(axis: 1, range: 0..<attributeCount)])
    }

    /// The attribute logits `[N, K]` of the images `x`, in evaluation mode (no noise) and without history.
    public func attributeLogits(_ x: Tensor) -> Tensor {
        evaluated(.attributeLogits, x)
    }
}
