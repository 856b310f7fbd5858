import LatentData
import LatentNN

/// A model that `latent train NAME` can train: its description, the data it expects, and how to
/// build it with its optimizers.
public struct ModelEntry: Sendable {
    /// The name on the command line, such as `dcgan-mnist`.
    public let name: String
    /// One line saying what the model is.
    public let summary: String
    /// The shape of one training image, `[channels, height, width]`.
    public let imageShape: [Int]
    /// How the data's pixels must be scaled (a tanh generator needs [−1, 1], a VAE's BCE [0, 1]).
    public let scaling: PixelScaling
    /// Learning rates by optimizer name, used for those a configuration does not give.
    public let defaultLearningRates: [String: Float]
    private let build: @Sendable (_ learningRates: [String: Float]) -> any Trainable

    public init(
        name: String, summary: String, imageShape: [Int], scaling: PixelScaling, defaultLearningRates: [String: Float],
        build: @escaping @Sendable (_ learningRates: [String: Float]) -> any Trainable
    ) {
        self.name = name
        self.summary = summary
        self.imageShape = imageShape
        self.scaling = scaling
        self.defaultLearningRates = defaultLearningRates
        self.build = build
    }

    /// The learning rates of `configuration`, with the defaults for the optimizers it leaves out.
    public func learningRates(_ configuration: RunConfiguration) -> [String: Float] {
        defaultLearningRates.merging(configuration.learningRates) { _, given in given }
    }

    /// A freshly initialized model and its optimizers (initialization draws from `GlobalRandom`).
    public func makeModel(_ configuration: RunConfiguration) -> any Trainable {
        build(learningRates(configuration))
    }
}

/// The models that can be trained by name.
public enum ModelCatalog {
    /// Every model, in the order `latent models` lists them.
    public static let all: [ModelEntry] = [
        ModelEntry(
            name: "mlp-gan", summary: "MLP GAN of the Keras example: G 100→128→784, D 784→128→1 (sigmoid), BCE",
            imageShape: [1, 28, 28], scaling: .minusOneToOne,
            defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4]
        ) { rates in
            GAN(generator: MLPGAN.generator(), discriminator: MLPGAN.discriminator(),
                generatorOptimizer: Adam(learningRate: rates["generator"]!, betas: (0.5, 0.999)),
                discriminatorOptimizer: Adam(learningRate: rates["discriminator"]!, betas: (0.5, 0.999)),
                objective: ProbabilityBCEObjective(), latentShape: [MLPGAN.latentSize])
        },
        ModelEntry(
            name: "dcgan-mnist", summary: "DCGAN for 28×28 digits: transposed-convolution G, convolutional D, non-saturating loss",
            imageShape: [1, 28, 28], scaling: .minusOneToOne,
            defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4]
        ) { rates in
            GAN(generator: DCGANMNIST.generator(), discriminator: DCGANMNIST.discriminator(),
                generatorOptimizer: Adam(learningRate: rates["generator"]!, betas: (0.5, 0.999)),
                discriminatorOptimizer: Adam(learningRate: rates["discriminator"]!, betas: (0.5, 0.999)),
                objective: NonSaturatingLogitObjective(), latentShape: [DCGANMNIST.latentSize])
        },
        ModelEntry(
            name: "vae-mlp", summary: "VAE of pytorch/examples: 784-400-20 encoder, 20-400-784 decoder, BCE + KL",
            imageShape: [1, 28, 28], scaling: .zeroToOne, defaultLearningRates: ["model": 1e-3]
        ) { rates in
            VAE(model: MLPVAE(), optimizer: Adam(learningRate: rates["model"]!))
        },
    ]

    /// The model called `name`; throws listing the names there are.
    public static func entry(named name: String) throws -> ModelEntry {
        guard let entry = all.first(where: { $0.name == name }) else {
            throw TrainingError.invalidConfiguration(
                "unknown model \"\(name)\"; the models are \(all.map(\.name).joined(separator: ", "))")
        }
        return entry
    }
}
