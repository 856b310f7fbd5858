import LatentNN

/// The VAE family's entries in the model catalog.
enum VAECatalog {
    static let entries: [ModelEntry] = [
        ModelEntry(
            name: "vae", aliases: ["vae-mlp"],
            summary: "VAE of pytorch/examples: 784-400-20 encoder, 20-400-784 decoder, BCE + KL",
            details: "Kingma & Welling 2014 with the reparameterisation trick; loss summed over pixels, per batch. "
                + "latent_size 2 gives a latent space that can be drawn as a manifold.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 10, defaultBatchSize: 128,
            defaultLearningRates: ["model": 1e-3], options: [latentSize], dropsLastBatch: false
        ) { settings in
            VAE(model: MLPVAE(latentSize: try settings.options.integer("latent_size", in: 1...1024)),
                optimizer: Adam(learningRate: settings.learningRate("model")))
        },
        ModelEntry(
            name: "conv-vae", summary: "Convolutional VAE: stride-2 convolutions to a 20-d Gaussian code, transposed convolutions back",
            details: "The convolutional autoencoder's encoder and decoder around a reparameterised Gaussian code; BCE + KL.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 10, defaultBatchSize: 128,
            defaultLearningRates: ["model": 1e-3], options: [latentSize], dropsLastBatch: false
        ) { settings in
            VAE(model: ConvVAE(latentSize: try settings.options.integer("latent_size", in: 1...1024)),
                optimizer: Adam(learningRate: settings.learningRate("model")))
        },
    ]

    private static let latentSize = ModelOption("latent_size", default: "20", "dimension of the latent code (2 to draw the manifold)")
}
