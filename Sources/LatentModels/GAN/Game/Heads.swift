import LatentNN

/// What a discriminator says of a batch of samples, head by head: always the real-against-fake `score`,
/// and whatever other heads it has, by name (`classLogits` of AC-GAN, …). Loss terms read the heads.
public struct Heads {
    /// The real-against-fake scores `[N, 1]` that the objective reads (logits, or probabilities for a
    /// discriminator that ends in a sigmoid).
    public var score: Tensor
    /// The other heads by name.
    public var others: [HeadName: Tensor]

    /// The heads `score` and `others`.
    public init(score: Tensor, _ others: [HeadName: Tensor] = [:]) {
        self.score = score
        self.others = others
    }

    /// The head called `name`; stops naming the heads there are when the discriminator has none so called.
    public subscript(_ name: HeadName) -> Tensor {
        guard let head = others[name] else {
            preconditionFailure("the discriminator has no head \"\(name.rawValue)\"; its heads are score, "
                + others.keys.map(\.rawValue).sorted().joined(separator: ", "))
        }
        return head
    }
}

/// The name of a discriminator's head. Models add their own (`HeadName("rotation")`) beside these.
public struct HeadName: Hashable, Sendable {
    /// The name as text, such as `class_logits`.
    public let rawValue: String

    /// The head called `rawValue`.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Class logits `[N, classes]` (AC-GAN, the semi-supervised discriminator).
    public static let classLogits = HeadName("class_logits")
    /// One logit per binary attribute `[N, attributes]` (the multi-label semi-supervised discriminator).
    public static let attributeLogits = HeadName("attribute_logits")
}
