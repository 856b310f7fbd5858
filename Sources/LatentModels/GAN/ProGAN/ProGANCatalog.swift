import LatentNN

/// The progressively growing GAN's entry in the model catalog.
enum ProGANCatalog {
    static let entries: [ModelEntry] = [progan]

    /// The sample shape of the entry: MNIST's digits, which the networks pad to 32×32.
    private static let sampleShape = [1, 28, 28]

    private static let growthOptions = [
        ModelOption("lod_training_kimg", default: "60", "thousands of images shown at each resolution once it is faded in (the official code's lod_training_kimg; 600 there, one MNIST epoch here)"),
        ModelOption("lod_transition_kimg", default: "60", "thousands of images over which each new resolution fades in (lod_transition_kimg; 600 there)"),
        ModelOption("fmap_base", default: "512", "feature maps at resolution r: min(fmap_base · 2 / r, fmap_max)"),
        ModelOption("fmap_max", default: "128", "the most feature maps at any resolution"),
        ModelOption("latent_size", default: "128", "length of the latent vector"),
        ModelOption("wgan_epsilon", default: "0.001", "weight ε_drift of the drift term ε_drift · E[D(x)²] on real scores"),
    ]

    static let progan = ModelEntry(
        name: "progan",
        summary: "Progressive growing GAN: from 4×4 to 32×32 (digits padded), fade-in, pixel norm, equalized lr, minibatch stddev, WGAN-GP",
        details: "Karras et al. 2018: G and D grow from 4×4 by doubling to 32×32, each new resolution fading in over lod_transition_kimg "
            + "thousand images after lod_training_kimg at the previous one (the level follows from the images shown, so --resume continues "
            + "mid-fade exactly); equalized learning rate and pixel norm in G, minibatch standard deviation in D, WGAN-GP (λ 10) with the "
            + "drift term ε 0.001, Adam(1e-3, β 0, 0.99), one critic step per G step and samples from G's moving average (g_ema 0.999). "
            + "samples/resolution-NNN.png keeps the last grid at each resolution.",
        sampleShape: sampleShape, scaling: .minusOneToOne, defaultEpochs: 10, defaultBatchSize: 64,
        defaultLearningRates: ["generator": 1e-3, "discriminator": 1e-3],
        options: GANOptions.modelOptions(defaults: ["gradient_penalty": "10", "g_ema": "0.999"]) + BatchComparison.modelOptions + growthOptions
    ) { settings in
        let options = settings.options
        let shape = ProGANShape(
            latentSize: try options.integer("latent_size", in: 1...4096), imageChannels: sampleShape[0], imageSize: sampleShape[1],
            fmapBase: try options.integer("fmap_base", in: 1...65536), fmapMax: try options.integer("fmap_max", in: 1...4096))
        let clock = GrowthClock(schedule: try GrowthSchedule(
            finalResolution: 32, trainingImages: try images(options, "lod_training_kimg"),
            transitionImages: try images(options, "lod_transition_kimg")))
        let builder = GANBuilder(
            sampleShape: sampleShape, latentShape: [shape.latentSize], objective: WassersteinObjective(), optimizer: .adam(0, 0.99),
            generator: { ProGANGenerator(shape: shape, clock: clock) })
        let drift = DriftPenalty<Tensor>(epsilon: try options.float("wgan_epsilon", in: 0...1000))
        let game = try builder.build(
            settings, discriminator: ProGANDiscriminator(shape: shape, clock: clock), sides: ImageSides(), extraTerms: ([drift], []),
            extras: GANBuilder.Extras(growth: clock))
        clock.follow(game.generatorOptimizer, imagesPerStep: settings.batchSize * game.options.criticSteps)
        return game
    }

    /// The images of an option given in thousands of images.
    private static func images(_ options: ModelOptions, _ name: String) throws -> Int {
        Int((try options.float(name, in: 0...1_000_000) * 1000).rounded())
    }
}
