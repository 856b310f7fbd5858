import LatentNN

/// The style-based generator's entry in the model catalog.
enum StyleGANCatalog {
    static let entries: [ModelEntry] = [stylegan]

    /// The side of the synthesized images; MNIST's 28×28 digits are cut from their centre (and padded back
    /// with the background for the discriminator).
    static let resolution = 32

    static let ownOptions = [
        ModelOption("modulation", default: StyleModulation.adain.rawValue,
                    "how w styles the layers: adain (StyleGAN) or demod (StyleGAN2's weight modulation and demodulation)"),
        ModelOption("latent_size", default: "128", "length of z and of w"),
        ModelOption("mapping_layers", default: "8", "fully connected layers of the mapping network (each at 0.01 × G's learning rate)"),
        ModelOption("style_mixing", default: "0.9", "probability that a training batch mixes the styles of two latents"),
        ModelOption("channels", default: "128", "most feature maps of a layer in G and D (a layer at side s has min(channels, 1024 / s))"),
    ]

    static let stylegan = ModelEntry(
        name: "stylegan", aliases: ["stylegan-mnist"],
        summary: "StyleGAN at 32×32 (digits cut to 28×28): mapping network, constant input, AdaIN or modulated convs, noise, style mixing, R1",
        details: "Karras et al. 2019 at small scale: z (pixel-normalized) through an 8-layer mapping network (learning rate ×0.01) to w, "
            + "which styles two layers per resolution 4…32 of a synthesis network starting from a learned 4×4 constant, "
            + "with per-layer noise inputs and style mixing (probability 0.9); modulation=demod uses StyleGAN2's weight "
            + "(de)modulation (Karras et al. 2020). Equalized learning rate everywhere, non-saturating logistic loss with R1 "
            + "(γ 1), Adam(0.002, β 0, 0.99), samples from a moving average of G (g_ema 0.999) with the tracked average w for "
            + "truncation (latent sample --truncation, --style-mix, --noise-grid).",
        sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 5, defaultBatchSize: 64,
        defaultLearningRates: ["generator": 0.002, "discriminator": 0.002],
        options: GANOptions.modelOptions(defaults: ["r1_gamma": "1", "g_ema": "0.999"]) + ownOptions
    ) { settings in
        let options = settings.options
        let modulation = StyleModulation(rawValue: try options.choice("modulation", of: StyleModulation.allCases.map(\.rawValue)))!
        let latentSize = try options.integer("latent_size", in: 1...4096)
        let mappingLayers = try options.integer("mapping_layers", in: 1...64)
        let mixing = try options.float("style_mixing", in: 0...1)
        let channels = try options.integer("channels", in: 1...1024)
        let builder = GANBuilder(
            sampleShape: [1, 28, 28], latentShape: [latentSize], objective: NonSaturatingObjective(), optimizer: .adam(0, 0.99),
            generator: {
                StyleGenerator(
                    mapping: MappingNetwork(latentSize: latentSize, layerCount: mappingLayers),
                    synthesis: SynthesisNetwork(resolution: resolution, imageChannels: 1, styleSize: latentSize,
                                                maxChannels: channels, modulation: modulation),
                    mixingProbability: mixing, outputSize: 28)
            })
        return try builder.build(
            settings, discriminator: StyleDiscriminator(resolution: resolution, imageChannels: 1, maxChannels: channels), sides: ImageSides())
    }
}
