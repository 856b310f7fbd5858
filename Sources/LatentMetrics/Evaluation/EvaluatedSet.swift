import LatentNN

/// A set of images as the sample metrics see it: each image's features (and class probabilities when the
/// extractor classifies), and the features' Float64 mean and covariance.
public struct EvaluatedSet: Sendable {
    /// The features, `[N, D]`.
    public let features: Tensor
    /// The class probabilities, `[N, classes]`, when the extractor classifies.
    public let probabilities: Tensor?
    /// The mean and covariance of `features`.
    public let statistics: FeatureStatistics

    /// The set of `images` (`[N, C, H, W]` with values in [0, 1]) through `extractor`.
    public init(unitImages images: Tensor, extractor: any FeatureExtracting) throws {
        let (features, probabilities) = try extractor.featuresAndProbabilities(unitImages: images)
        self.features = features
        self.probabilities = probabilities
        self.statistics = FeatureStatistics(features: features)
    }

    /// How many images the set holds.
    public var count: Int { features.shape[0] }
}
