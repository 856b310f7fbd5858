import LatentNN

/// The AC-GAN discriminator for 28×28 digits (Odena et al. 2017): the DCGAN-MNIST convolutions, then a
/// source head (real against fake, one logit) and a class head (`classCount` logits) on the same features.
/// Its state dict holds the convolutions under `features.`, `source.weight`/`source.bias` and
/// `classifier.weight`/`classifier.bias`.
public final class AuxiliaryClassifierDiscriminator: Module, AuxiliaryClassifierLayer {
    /// The convolutions, from the image to the flattened features.
    public let features: Sequential
    /// The source head (spectrally normalized with `spectralNorm`, as the class head).
    public let source: any Layer
    /// The class head.
    public let classifier: any Layer
    public let classCount: Int
    public let learnsFakeClasses: Bool

    /// A discriminator for `classCount` classes whose class head learns real labels and, with
    /// `learnsFakeClasses`, fake samples' requested classes; `batchNorm` and `spectralNorm` as in
    /// `DCGANMNIST.discriminator`.
    public init(classCount: Int = 10, learnsFakeClasses: Bool = true, batchNorm: Bool = true, spectralNorm: Bool = false) {
        features = ConditionalDiscriminator.convolutions(inChannels: 1, batchNorm: batchNorm, spectralNorm: spectralNorm)
        source = scoreLayer(ConditionalDiscriminator.featureSize, 1, spectralNorm: spectralNorm)
        classifier = scoreLayer(ConditionalDiscriminator.featureSize, classCount, spectralNorm: spectralNorm)
        self.classCount = classCount
        self.learnsFakeClasses = learnsFakeClasses
        super.init()
    }

    public func sourceAndClassLogits(_ x: Tensor) -> (source: Tensor, classLogits: Tensor) {
        let phi = features(x)
        return (source(phi), classifier(phi))
    }
}
