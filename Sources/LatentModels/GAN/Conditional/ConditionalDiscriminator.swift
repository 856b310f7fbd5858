import LatentNN

/// The DCGAN-MNIST discriminator conditioned on a class, in one of two ways:
///
/// - concatenation (Mirza & Osindero 2014): the label's learned 28×28 map is a second input channel beside
///   the image, and a linear layer scores the convolutional features φ;
/// - projection (Miyato & Koyama 2018): the convolutions see the image alone and the score is
///   `output(φ(x)) + ⟨label_embedding(y), φ(x)⟩`.
///
/// Its state dict holds `label_embedding.weight`, the convolutions under `features.` and `output.weight`/`output.bias`.
public final class ConditionalDiscriminator: Module, Discriminating {
    /// Whether the label enters by projection rather than as an input channel.
    public let projection: Bool
    /// A learned vector per class: a 28×28 map (concatenation) or one weight per feature (projection).
    public let labelEmbedding: Embedding
    /// The convolutions, from the image (and label map) to the flattened features φ.
    public let features: Sequential
    /// The linear score of the features (spectrally normalized with `spectralNorm`).
    public let output: any Layer

    /// How many classes it tells apart.
    public var classCount: Int { labelEmbedding.numEmbeddings }

    /// The number of features φ the convolutions put out: 128 maps of 7×7.
    public static let featureSize = 128 * 7 * 7

    /// A discriminator for `classCount` classes; `batchNorm` and `spectralNorm` as in
    /// `DCGANMNIST.discriminator`. Convolution and linear weights start from N(0, 0.02) unless spectrally
    /// normalized; the projection's embedding starts from N(0, 0.02), the concatenated maps from N(0, 1).
    public init(classCount: Int = 10, projection: Bool = false, batchNorm: Bool = true, spectralNorm: Bool = false) {
        self.projection = projection
        labelEmbedding = Embedding(classCount, projection ? Self.featureSize : 28 * 28)
        if projection { Init.normal(labelEmbedding.weight, mean: 0, std: 0.02) }
        features = Self.convolutions(inChannels: projection ? 1 : 2, batchNorm: batchNorm, spectralNorm: spectralNorm)
        output = scoreLayer(Self.featureSize, 1, spectralNorm: spectralNorm)
        super.init()
    }

    /// Scores (`[N, 1]`) of images `x` (`[N, 1, 28, 28]`) as samples of the classes `labels`.
    public func callAsFunction(_ x: Tensor, labels: [Int]) -> Tensor {
        let embedded = labelEmbedding(labelIndices(labels))
        guard projection else {
            let maps = embedded.reshaped([x.shape[0], 1, 28, 28])
            return output(features(Tensor.concatenated([x, maps], axis: 1)))
        }
        let phi = features(x)
        return output(phi) + (embedded * phi).sum(axis: 1, keepDims: true)
    }

    public func heads(_ sample: LabelledImages) -> Heads {
        Heads(score: self(sample.images, labels: sample.labels))
    }

    /// The features φ: of the image alone with projection, of the image and its label map otherwise.
    public func features(_ sample: LabelledImages) -> Tensor {
        guard projection else {
            let maps = labelEmbedding(labelIndices(sample.labels)).reshaped([sample.images.shape[0], 1, 28, 28])
            return features(Tensor.concatenated([sample.images, maps], axis: 1))
        }
        return features(sample.images)
    }

    /// Two strided 4×4 convolutions with leaky ReLU (batch norm after the second unless `batchNorm` is off
    /// or `spectralNorm` wraps every convolution), flattened to `featureSize` values, DCGAN-initialized.
    static func convolutions(inChannels: Int, batchNorm: Bool, spectralNorm: Bool) -> Sequential {
        func normalized<L: Layer>(_ layer: L) -> any Layer { spectralNorm ? SpectralNorm(wrapping: layer) : layer }
        let second: [any Layer] = batchNorm && !spectralNorm
            ? [Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128)]
            : [normalized(Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1))]
        return DCGANMNIST.initialized(Sequential(
            [normalized(Conv2d(inChannels, 64, kernelSize: 4, stride: 2, padding: 1)), LeakyReLU(negativeSlope: 0.2)]
                + second + [LeakyReLU(negativeSlope: 0.2), Flatten()]))
    }
}

/// A linear layer from `inFeatures` to `outFeatures`: wrapped in `SpectralNorm` when `spectralNorm` is on,
/// otherwise with DCGAN's initialization (weights from N(0, 0.02), bias 0).
func scoreLayer(_ inFeatures: Int, _ outFeatures: Int, spectralNorm: Bool) -> any Layer {
    let linear = Linear(inFeatures, outFeatures)
    if spectralNorm { return SpectralNorm(wrapping: linear) }
    _ = DCGANMNIST.initialized(Sequential(linear))
    return linear
}
