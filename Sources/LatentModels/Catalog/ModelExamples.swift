import LatentNN

/// What a model may see of its training data when it is built: the labelled images of a label budget (a
/// semi-supervised model learns their classes, or their binary attributes on a multi-label data set) and a batch
/// of unlabelled images for data-dependent initialization. Empty when a trained run is loaded, whose weights come
/// from its checkpoint.
public struct ModelExamples: Sendable {
    /// The images of the label budget, `[N, …]` in the model's scaling; nil for none.
    public var labelledImages: Tensor?
    /// The class of each labelled image; empty when they carry attributes instead.
    public var labels: [Int]
    /// The binary attributes of the labelled images, `[N, attributes]` of 0s and 1s; nil when they carry classes.
    public var attributes: Tensor?
    /// A batch of training images, `[M, …]` in the model's scaling, to initialize layers from; nil for none.
    public var initialization: Tensor?

    /// Examples with `labelledImages` of the classes `labels` or with the attributes `attributes`, and the batch
    /// `initialization`; stops when the labelled images do not have exactly one of the two, one row each.
    public init(labelledImages: Tensor? = nil, labels: [Int] = [], attributes: Tensor? = nil, initialization: Tensor? = nil) {
        let count = labelledImages?.shape[0] ?? 0
        let described = attributes.map { $0.rank == 2 && labels.isEmpty ? $0.shape[0] : -1 } ?? labels.count
        precondition(described == count,
                     "ModelExamples: \(labels.count) labels and attributes of shape \(attributes?.shape ?? []) for \(count) labelled images")
        self.labelledImages = labelledImages
        self.labels = labels
        self.attributes = attributes
        self.initialization = initialization
    }
}
