import LatentNN

/// The GAN family's entries in the model catalog.
enum GANCatalog {
    static let entries: [ModelEntry] = [
        ModelEntry(
            name: "gan", aliases: ["mlp-gan"],
            summary: "MLP GAN of the Keras example: G 100→128→784, D 784→128→1 (sigmoid), BCE",
            details: "Goodfellow et al. 2014 with the non-saturating generator loss; the architecture of the Keras MNIST GAN example.",
            sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 20, defaultBatchSize: 64,
            defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4]
        ) { settings in
            GAN(generator: MLPGAN.generator(), discriminator: MLPGAN.discriminator(),
                generatorOptimizer: Adam(learningRate: settings.learningRate("generator"), betas: (0.5, 0.999)),
                discriminatorOptimizer: Adam(learningRate: settings.learningRate("discriminator"), betas: (0.5, 0.999)),
                objective: ProbabilityBCEObjective(), latentShape: [MLPGAN.latentSize])
        },
        ModelEntry(
            name: "dcgan", aliases: ["dcgan-mnist"],
            summary: "DCGAN for 28×28 digits: transposed-convolution G, convolutional D, non-saturating loss",
            details: "Radford et al. 2016: batch norm, ReLU in G and leaky ReLU in D, Adam(2e-4, β1 0.5).",
            sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 5, defaultBatchSize: 64,
            defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4]
        ) { settings in
            GAN(generator: DCGANMNIST.generator(), discriminator: DCGANMNIST.discriminator(),
                generatorOptimizer: Adam(learningRate: settings.learningRate("generator"), betas: (0.5, 0.999)),
                discriminatorOptimizer: Adam(learningRate: settings.learningRate("discriminator"), betas: (0.5, 0.999)),
                objective: NonSaturatingLogitObjective(), latentShape: [DCGANMNIST.latentSize])
        },
    ]
}
