import LatentNN

/// A named way a trained model turns a batch of images into one vector each: an encoder's codes, a
/// discriminator's last hidden features, the logits of a categorical code whose argmax is a cluster.
/// `latent cluster --features RUN --layer NAME` and the other commands that read what a model learned
/// look them up by name in ``Trainable/representations``.
public struct Representation {
    /// What the vectors are, which decides how they are clustered.
    public enum Kind: String, Sendable {
        /// Continuous features or codes, clustered by k-means.
        case features
        /// Logits over clusters: each image's cluster is the argmax, no k-means.
        case clusterLogits = "cluster_logits"
        /// Logits over the data's classes: each image's predicted class is the argmax (a semi-supervised
        /// discriminator's class head).
        case classLogits = "class_logits"
        /// One logit per binary attribute, each attribute present where its logit is positive (a multi-label
        /// semi-supervised discriminator's head); clustered by k-means like features.
        case attributeLogits = "attribute_logits"

        /// Whether each vector's argmax names its cluster (logits over clusters or classes), rather than k-means.
        public var clustersByArgmax: Bool { self == .clusterLogits || self == .classLogits }
    }

    /// The name users pick it by, such as `codes`, `discriminator` or `q_categorical`.
    public let name: String
    /// What the vectors are.
    public let kind: Kind
    /// One line saying what the vectors are, for listings and errors.
    public let summary: String
    private let body: (Tensor) -> Tensor

    /// The representation `name` of `kind`, described by `summary`, computing `[N, d]` vectors from a
    /// batch of images with `body` (called in evaluation mode without history).
    public init(name: String, kind: Kind = .features, summary: String, _ body: @escaping (Tensor) -> Tensor) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.body = body
    }

    /// The vectors `[N, d]` of `x`, a batch of images as the data loader gives them in the model's scaling.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        body(x).flattened()
    }
}

extension Representation {
    /// The vectors `[N, d]` of every image of `images`, computed `batchSize` images at a time to bound memory.
    public func encode(_ images: Tensor, batchSize: Int = 500) -> Tensor {
        let count = images.shape[0]
        let parts = stride(from: 0, to: count, by: batchSize).map { start in
            self(images.slice(axis: 0, range: start..<Swift.min(start + batchSize, count)))
        }
        return parts.count == 1 ? parts[0] : Tensor.concatenated(parts)
    }
}
