import LatentNN

/// The AC-GAN discriminator for 28×28 digits (Odena et al. 2017): the DCGAN-MNIST convolutions, then a
/// source head (real against fake, one logit: the `score`) and a class head (`classCount` logits:
/// `classLogits`) on the same features; it reads the images and leaves their labels to the loss terms.
/// Its state dict holds the convolutions under `features.`, `source.weight`/`source.bias` and
/// `classifier.weight`/`classifier.bias`.
public final class AuxiliaryClassifierDiscriminator: Module, Discriminating {
    /// The convolutions, from the image to the flattened features.
    public let features: Sequential
    /// The source head (spectrally normalized with `spectralNorm`, as the class head).
    public let source: any Layer
    /// The class head.
    public let classifier: any Layer
    /// How many classes the class head tells apart.
    public let classCount: Int

    /// A discriminator for `classCount` classes; `batchNorm` and `spectralNorm` as in `DCGANMNIST.discriminator`.
    public init(classCount: Int = 10, batchNorm: Bool = true, spectralNorm: Bool = false) {
        features = ConditionalDiscriminator.convolutions(inChannels: 1, batchNorm: batchNorm, spectralNorm: spectralNorm)
        source = scoreLayer(ConditionalDiscriminator.featureSize, 1, spectralNorm: spectralNorm)
        classifier = scoreLayer(ConditionalDiscriminator.featureSize, classCount, spectralNorm: spectralNorm)
        self.classCount = classCount
        super.init()
    }

    public func heads(_ sample: LabelledImages) -> Heads {
        let phi = features(sample.images)
        return Heads(score: source(phi), [.classLogits: classifier(phi)])
    }

    public func features(_ sample: LabelledImages) -> Tensor {
        features(sample.images)
    }
}
