import LatentNN

/// A trained model that may turn latent vectors into samples of requested classes (a conditional GAN).
public protocol ClassConditionalGenerating: SampleGenerating {
    /// How many classes samples can be asked for; nil when this model is not conditioned on classes.
    var classCount: Int? { get }
    /// The samples of the classes `labels` (one per row of `z`) for latent vectors `z`, without history.
    func generate(_ z: Tensor, labels: [Int]) -> Tensor
}

extension SampleGenerating {
    /// How many classes the model's samples can be asked for; nil for an unconditional model.
    public var conditionalClassCount: Int? {
        (self as? any ClassConditionalGenerating)?.classCount
    }
}
