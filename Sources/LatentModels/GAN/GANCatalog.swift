import LatentNN

/// The GAN family's entries in the model catalog. Every entry takes the options of `GANOptions` and
/// `BatchComparison`; the MLP entries also take `d_dropout`.
enum GANCatalog {
    static let entries: [ModelEntry] = [mlp, dcgan, wgan, wgangp, lsgan, sngan, rgan, toy2D, toy2DWGANGP]

    private static let dropoutOption = ModelOption(
        "d_dropout", default: "0", "dropout probability after D's hidden layer, 0 for none (the Keras GAN-course experiment)")

    private static let hiddenSizeOption = ModelOption(
        "hidden_size", default: String(DCGANMNIST.hiddenSize),
        "units of the fully connected hidden layer in G and in D (InfoGAN's MNIST nets), 0 leaves both out")

    /// The options of an entry: the tricks with the entry's `defaults`, the comparison layers, and `extra`.
    private static func options(_ defaults: [String: String] = [:], extra: [ModelOption] = []) -> [ModelOption] {
        GANOptions.modelOptions(defaults: defaults) + BatchComparison.modelOptions + extra
    }

    /// A DCGAN-MNIST generator and discriminator with `objective`, `optimizer` and the tricks' `defaults`;
    /// both learn at `learningRate` unless `generatorLearningRate` sets G's.
    private static func dcganFamily(
        name: String, aliases: [String] = [], summary: String, details: String, objective: any GANObjective,
        optimizer: GANBuilder.OptimizerKind, learningRate: Float, generatorLearningRate: Float? = nil, defaults: [String: String] = [:],
        batchNorm: Bool = true, spectralNorm: Bool = false, defaultEpochs: Int = 5
    ) -> ModelEntry {
        ModelEntry(
            name: name, aliases: aliases, summary: summary, details: details,
            sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: defaultEpochs, defaultBatchSize: 64,
            defaultLearningRates: ["generator": generatorLearningRate ?? learningRate, "discriminator": learningRate],
            options: options(defaults, extra: [hiddenSizeOption])
        ) { settings in
            let hiddenSize = try settings.options.integer("hidden_size", in: 0...8192)
            let builder = GANBuilder(
                sampleShape: [1, 28, 28], latentShape: [DCGANMNIST.latentSize], objective: objective, optimizer: optimizer,
                generator: { DCGANMNIST.initialized(DCGANMNIST.generator(hiddenSize: hiddenSize)) })
            return try builder.build(settings, discriminator: DCGANMNIST.initialized(DCGANMNIST.discriminator(
                hiddenSize: hiddenSize, batchNorm: batchNorm, spectralNorm: spectralNorm, comparison: try BatchComparison(settings.options))),
                sides: ImageSides())
        }
    }

    /// An entry with a fully connected discriminator that takes `d_dropout`: `discriminator` builds it
    /// from the dropout probability and the comparison layers; `defaults` are the tricks' defaults.
    private static func mlpFamily(
        name: String, aliases: [String] = [], summary: String, details: String, sampleShape: [Int], defaultDataset: String,
        defaultEpochs: Int, defaultBatchSize: Int, learningRate: Float, objective: any GANObjective, latentSize: Int,
        optimizer: GANBuilder.OptimizerKind = .adam(0.5, 0.999), defaults: [String: String] = [:],
        generator: @escaping @Sendable () -> Sequential,
        discriminator: @escaping @Sendable (Float, BatchComparison) -> Sequential
    ) -> ModelEntry {
        ModelEntry(
            name: name, aliases: aliases, summary: summary, details: details, sampleShape: sampleShape, scaling: .minusOneToOne,
            defaultDataset: defaultDataset, defaultEpochs: defaultEpochs, defaultBatchSize: defaultBatchSize,
            defaultLearningRates: ["generator": learningRate, "discriminator": learningRate],
            options: options(defaults, extra: [dropoutOption])
        ) { settings in
            let builder = GANBuilder(
                sampleShape: sampleShape, latentShape: [latentSize], objective: objective, optimizer: optimizer,
                generator: generator)
            return try builder.build(settings, discriminator: discriminator(
                try settings.options.float("d_dropout", in: 0...0.95), try BatchComparison(settings.options)), sides: ImageSides())
        }
    }

    static let mlp = mlpFamily(
        name: "gan", aliases: ["mlp-gan"],
        summary: "MLP GAN of the Keras example: G 100→128→784, D 784→128→1 (sigmoid), BCE",
        details: "Goodfellow et al. 2014 with the non-saturating generator loss; the architecture of the Keras MNIST GAN example. d_dropout adds dropout to D, the GAN-course experiment.",
        sampleShape: [1, 28, 28], defaultDataset: "mnist", defaultEpochs: 20, defaultBatchSize: 64, learningRate: 2e-4,
        objective: NonSaturatingObjective(output: .probabilities), latentSize: MLPGAN.latentSize,
        generator: { MLPGAN.generator() },
        discriminator: { MLPGAN.discriminator(dropout: $0, comparison: $1) })

    static let dcgan = dcganFamily(
        name: "dcgan", aliases: ["dcgan-mnist"],
        summary: "DCGAN for 28×28 digits: transposed-convolution G, convolutional D, each with an FC 1024 layer, non-saturating loss",
        details: "Radford et al. 2016 on InfoGAN's MNIST nets and learning rates (Chen et al. 2016): batch norm, ReLU in G and leaky ReLU in D, "
            + "Adam(β1 0.5) at 1e-3 for G and 2e-4 for D; samples come from a moving average of G's weights (g_ema 0.999, Yazıcı et al. 2019); "
            + "hidden_size=0 drops the FC 1024 layers.",
        objective: NonSaturatingObjective(), optimizer: .adam(0.5, 0.999), learningRate: 2e-4, generatorLearningRate: 1e-3,
        defaults: ["g_ema": "0.999"])

    static let wgan = dcganFamily(
        name: "wgan",
        summary: "Wasserstein GAN: DCGAN-MNIST nets, critic without batch norm, weight clipping 0.01, RMSprop 5e-5, 5 critic steps",
        details: "Arjovsky et al. 2017: the critic's weights are clipped to [−0.01, 0.01] after each of its 5 updates per generator update.",
        objective: WassersteinObjective(), optimizer: .rmsprop, learningRate: 5e-5,
        defaults: ["weight_clip": "0.01", "n_critic": "5"], batchNorm: false, defaultEpochs: 20)

    static let wgangp = dcganFamily(
        name: "wgan-gp",
        summary: "WGAN-GP: DCGAN-MNIST nets, critic without batch norm, gradient penalty λ 10, Adam(1e-4, β 0.5, 0.9), 5 critic steps",
        details: "Gulrajani et al. 2017: the penalty (‖∇C(x̂)‖ − 1)² on random interpolates replaces weight clipping; batch norm is left out of the critic since the penalty is per sample.",
        objective: WassersteinObjective(), optimizer: .adam(0.5, 0.9), learningRate: 1e-4,
        defaults: ["gradient_penalty": "10", "n_critic": "5"], batchNorm: false, defaultEpochs: 20)

    static let lsgan = dcganFamily(
        name: "lsgan",
        summary: "Least-squares GAN: DCGAN-MNIST nets, targets a=0, b=1, c=1",
        details: "Mao et al. 2017: squared distances to the targets instead of cross-entropy, so samples far on the right side of the boundary still get gradients.",
        objective: LeastSquaresObjective(), optimizer: .adam(0.5, 0.999), learningRate: 2e-4)

    static let sngan = dcganFamily(
        name: "sngan",
        summary: "SN-GAN: DCGAN-MNIST nets, spectral norm on every D layer (no batch norm), hinge loss",
        details: "Miyato et al. 2018: each weight of D divided by its largest singular value (one power iteration per step); the hinge loss of Lim & Ye 2017; Adam(2e-4, β 0.5, 0.999).",
        objective: HingeObjective(), optimizer: .adam(0.5, 0.999), learningRate: 2e-4, spectralNorm: true)

    static let rgan = dcganFamily(
        name: "rgan", aliases: ["ragan"],
        summary: "Relativistic average GAN (RaSGAN): DCGAN-MNIST nets, D judges real against the average fake",
        details: "Jolicoeur-Martineau 2019: cross-entropy on C(x_r) − E C(x_f) and C(x_f) − E C(x_r), for D and, with targets swapped, for G.",
        objective: RelativisticAverageObjective(), optimizer: .adam(0.5, 0.999), learningRate: 2e-4)

    static let toy2D = mlpFamily(
        name: "gan-2d",
        summary: "GAN for 2-D points (8 Gaussians): MLP G 256→128→128→2, MLP D 2→128→128→1, non-saturating",
        details: "The toy experiment of Metz et al. 2017 (unrolled GANs) for mode-collapse studies: ReLU MLPs, linear generator output, Adam(1e-3, β 0.5); try unrolled_steps=5.",
        sampleShape: [2], defaultDataset: "ring-8-gaussians", defaultEpochs: 20, defaultBatchSize: 512, learningRate: 1e-3,
        objective: NonSaturatingObjective(), latentSize: Toy2DGAN.latentSize,
        generator: { Toy2DGAN.generator() },
        discriminator: { Toy2DGAN.discriminator(dropout: $0, comparison: $1) })

    static let toy2DWGANGP = mlpFamily(
        name: "gan-2d-wgan-gp",
        summary: "WGAN-GP for 2-D points (8 Gaussians): the nets of gan-2d, Wasserstein critic, gradient penalty λ 0.1, 5 critic steps",
        details: "The toy experiment of Gulrajani et al. 2017 on the nets of gan-2d: penalty weight 0.1 and Adam(1e-4, β 0.5, 0.9) as in their 8-Gaussians script, 5 critic updates per generator update.",
        sampleShape: [2], defaultDataset: "ring-8-gaussians", defaultEpochs: 20, defaultBatchSize: 512, learningRate: 1e-4,
        objective: WassersteinObjective(), latentSize: Toy2DGAN.latentSize, optimizer: .adam(0.5, 0.9),
        defaults: ["gradient_penalty": "0.1", "n_critic": "5"],
        generator: { Toy2DGAN.generator() },
        discriminator: { Toy2DGAN.discriminator(dropout: $0, comparison: $1) })
}
