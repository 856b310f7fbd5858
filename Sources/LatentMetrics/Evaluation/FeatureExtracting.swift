import LatentNN

/// A network that turns images into the features the sample metrics compare: the digit classifier
/// (128 features and 10 class probabilities) or FID's Inception-v3 (2048 features, no classes).
public protocol FeatureExtracting {
    /// The features `[N, D]` of `images` (`[N, C, H, W]` with values in [0, 1]), and the class
    /// probabilities `[N, classes]` when the network classifies; throws for images it cannot take.
    func featuresAndProbabilities(unitImages images: Tensor) throws -> (features: Tensor, probabilities: Tensor?)
}

extension DigitFeatureExtractor: FeatureExtracting {
    /// Features and class probabilities of 28×28 grey images, rescaled to [−1, 1] as the classifier was trained.
    public func featuresAndProbabilities(unitImages images: Tensor) throws -> (features: Tensor, probabilities: Tensor?) {
        let (features, logits) = try featuresAndLogits((images * 2 - 1).clamp(min: -1, max: 1))
        return (features, withoutGrad { logits.softmax(axis: 1) })
    }
}

extension InceptionFeatureExtractor: FeatureExtracting {
    /// The 2048 pool features, as pytorch-fid computes them from images in [0, 1]; no class probabilities
    /// (the FID weights have no classifier).
    public func featuresAndProbabilities(unitImages images: Tensor) throws -> (features: Tensor, probabilities: Tensor?) {
        (try features(of: images, range: .unitInterval), nil)
    }
}
