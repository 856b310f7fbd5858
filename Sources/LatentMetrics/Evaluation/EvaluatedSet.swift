import LatentNN

/// A set of images as the digit metrics see it: each image's classifier features and class
/// probabilities, and the features' Float64 mean and covariance.
public struct EvaluatedSet: Sendable {
    /// The penultimate classifier features, `[N, 128]`.
    public let features: Tensor
    /// The class probabilities, `[N, classes]`.
    public let probabilities: Tensor
    /// The mean and covariance of `features`.
    public let statistics: FeatureStatistics

    /// The set of `images` (`[N, 1, 28, 28]` in [−1, 1]) through `extractor`.
    public init(images: Tensor, extractor: DigitFeatureExtractor) throws {
        let (features, logits) = try extractor.featuresAndLogits(images)
        self.features = features
        self.probabilities = withoutGrad { logits.softmax(axis: 1) }
        self.statistics = FeatureStatistics(features: features)
    }

    /// How many images the set holds.
    public var count: Int { features.shape[0] }
}
