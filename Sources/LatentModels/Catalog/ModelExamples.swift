import LatentNN

/// What a model may see of its training data when it is built: the labelled images of a label budget (a
/// semi-supervised model learns their classes) and a batch of unlabelled images for data-dependent
/// initialization. Empty when a trained run is loaded, whose weights come from its checkpoint.
public struct ModelExamples: Sendable {
    /// The images of the label budget, `[N, …]` in the model's scaling; nil for none.
    public var labelledImages: Tensor?
    /// The class of each labelled image.
    public var labels: [Int]
    /// A batch of training images, `[M, …]` in the model's scaling, to initialize layers from; nil for none.
    public var initialization: Tensor?

    /// Examples with `labelledImages` of the classes `labels` and the batch `initialization`; stops when the
    /// labels do not number the labelled images.
    public init(labelledImages: Tensor? = nil, labels: [Int] = [], initialization: Tensor? = nil) {
        precondition(labels.count == (labelledImages?.shape[0] ?? 0),
                     "ModelExamples: \(labels.count) labels for \(labelledImages?.shape[0] ?? 0) labelled images")
        self.labelledImages = labelledImages
        self.labels = labels
        self.initialization = initialization
    }
}
