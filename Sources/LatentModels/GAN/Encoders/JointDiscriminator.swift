import LatentNN

/// BiGAN's discriminator D(x, z) of an image and a code (Donahue et al. 2017): the image's features and
/// the code's features, concatenated, through hidden layers to one score, the logit that the pair is an
/// image of the data with its encoding rather than a generated image with the code it came from.
public final class JointDiscriminator: Module, Discriminating {
    /// The image's features, `[N, …]` images to `[N, imageFeatures]`.
    public let image: Sequential
    /// The code's features, `[N, codeSize]` to `[N, codeFeatures]`.
    public let code: Sequential
    /// The hidden layers on the concatenated features; their output is `features(_:)`.
    public let joint: Sequential
    /// The last layer, to `[N, 1]` scores.
    public let output: Linear

    /// The discriminator reading images through `image`, codes through `code`, both through `joint` and `output`.
    public init(image: Sequential, code: Sequential, joint: Sequential, output: Linear) {
        self.image = image
        self.code = code
        self.joint = joint
        self.output = output
        super.init()
    }

    public func heads(_ sample: CodedImages) -> Heads {
        Heads(score: output(features(sample)))
    }

    public func features(_ sample: CodedImages) -> Tensor {
        joint(Tensor.concatenated([image(sample.images).flattened(), code(sample.codes)], axis: 1))
    }
}

/// The sides of a BiGAN: the data's images with their encodings `(x, E(x))`, generated images with the
/// codes they came from `(G(z), z)`.
public struct EncodedSides: Sides {
    /// The encoder E, images to `[N, codeSize]` codes.
    public let encoder: Sequential

    /// The sides that encode real images with `encoder`.
    public init(encoder: Sequential) {
        self.encoder = encoder
    }

    public func real(_ x: Tensor, labels: [Int]?) -> CodedImages { CodedImages(images: x, codes: encoder(x)) }

    public func fake(_ images: Tensor, from latent: Latent) -> CodedImages {
        CodedImages(images: images, codes: latent.noise.flattened())
    }
}

/// The objective's discriminator loss with the two sides swapped, for the generator's side of a BiGAN:
/// the generator wants its pairs `(G(z), z)` called real and the encoder wants the data's pairs
/// `(x, E(x))` called generated (Donahue et al. 2017, the "inverted labels" of their training).
public struct SwappedDiscriminatorObjective<Sample: AdversarialSample>: Term {
    /// The objective whose discriminator loss is swapped.
    public let objective: any GANObjective

    /// The swapped discriminator loss of `objective`.
    public init(_ objective: any GANObjective) {
        self.objective = objective
    }

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        objective.discriminatorLoss(real: verdict.fakeHeads.score, fake: verdict.realHeads.score, realTarget: 1)
    }
}
