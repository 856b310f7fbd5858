import LatentNN

/// The autoencoder family's entries in the model catalog.
enum VAECatalog {
    static let entries: [ModelEntry] = [
        ModelEntry(
            name: "vae", aliases: ["vae-mlp"],
            summary: "VAE of pytorch/examples: 784-400-20 encoder, 20-400-784 decoder, BCE + KL",
            details: "Kingma & Welling 2014 with the reparameterisation trick; loss summed over pixels, per batch.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 10, defaultBatchSize: 128,
            defaultLearningRates: ["model": 1e-3]
        ) { settings in
            VAE(model: MLPVAE(), optimizer: Adam(learningRate: settings.learningRate("model")))
        },
    ]
}
