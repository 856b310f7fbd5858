import LatentNN

/// The autoencoder family's entries in the model catalog.
enum AutoencoderCatalog {
    static let entries: [ModelEntry] = [
        ModelEntry(
            name: "autoencoder", summary: "Autoencoder of the Keras example: 784 → 64 ReLU → 784 sigmoid, BCE",
            details: "The Keras blog's simplest autoencoder with a 64-d code, Adam (Keras defaults: lr 1e-3, ε 1e-7), batch 256.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 50, defaultBatchSize: 256,
            defaultLearningRates: ["model": 1e-3],
            options: [ModelOption("code_size", default: "64", "size of the code between encoder and decoder")],
            dropsLastBatch: false
        ) { settings in
            Autoencoder(network: .dense(codeSize: try settings.options.integer("code_size", in: 1...4096)),
                        optimizer: Adam(learningRate: settings.learningRate("model"), eps: 1e-7))
        },
        ModelEntry(
            name: "conv-autoencoder", summary: "Convolutional autoencoder: stride-2 convolutions to a 32-d code and back, BCE",
            details: "Encoder conv 1→16→32 (3×3, stride 2), linear to the code; decoder mirrors it with 4×4 transposed convolutions.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 10, defaultBatchSize: 128,
            defaultLearningRates: ["model": 1e-3],
            options: [ModelOption("code_size", default: "32", "size of the code between encoder and decoder")]
        ) { settings in
            Autoencoder(network: .convolutional(codeSize: try settings.options.integer("code_size", in: 1...4096)),
                        optimizer: Adam(learningRate: settings.learningRate("model"), eps: 1e-7))
        },
        ModelEntry(
            name: "denoising-autoencoder", summary: "Convolutional autoencoder that removes Gaussian noise (factor 0.5) from its input",
            details: "As the Keras denoising example: inputs clamp(x + 0.5·ε, 0, 1), targets the clean images, BCE.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 10, defaultBatchSize: 128,
            defaultLearningRates: ["model": 1e-3],
            options: [
                ModelOption("code_size", default: "32", "size of the code between encoder and decoder"),
                ModelOption("noise_factor", default: "0.5", "standard deviation of the noise added to the inputs"),
            ]
        ) { settings in
            Autoencoder(network: .convolutional(codeSize: try settings.options.integer("code_size", in: 1...4096)),
                        optimizer: Adam(learningRate: settings.learningRate("model"), eps: 1e-7),
                        noiseFactor: try settings.options.float("noise_factor", in: 0...10))
        },
    ]
}
