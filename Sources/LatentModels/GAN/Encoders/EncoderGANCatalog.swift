import LatentNN

/// The GANs with an encoder of the model catalog: `clustergan` (Mukherjee et al. 2019) and `bigan`
/// (Donahue et al. 2017). Both take the options of `GANOptions`; the encoder is a player of its own,
/// `encoder`, trained with the generator on the generator's terms.
enum EncoderGANCatalog {
    static let entries: [ModelEntry] = [clusterGAN, biGAN]

    static let clusterGAN = ModelEntry(
        name: "clustergan",
        summary: "ClusterGAN: z = (σ·ε, one-hot c), encoder E recovers (z_n, c) from G(z), WGAN-GP, clusters are argmax E_c(x)",
        details: "Mukherjee et al. 2019, MNIST setup of their code: 30 noise values of σ 0.10 beside a 10-way one-hot cluster; "
            + "InfoGAN's MNIST nets (DCGAN-MNIST: G with batch norm and a tanh output, critic without batch norm) and an encoder of "
            + "the critic's shape with 30 + 10 outputs; WGAN-GP (λ 10, 5 critic updates per G update), Adam(1e-4, β 0.5, 0.9) for every "
            + "player; G and E also minimize β_n·mean‖z_n − E_n(G(z))‖² + β_c·CE(c, E_c(G(z))) (logged as loss_cycle). "
            + "Representations: encoder_categorical (E_c's logits on real images, clustered by argmax) and encoder (E's 40 outputs).",
        sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 30, defaultBatchSize: 64,
        defaultLearningRates: ["generator": 1e-4, "discriminator": 1e-4, "encoder": 1e-4],
        options: GANOptions.modelOptions(defaults: ["gradient_penalty": "10", "n_critic": "5"]) + [
            ModelOption("noise_size", default: String(ClusterGANMNIST.noiseSize), "size of the noise part z_n of the latent vector"),
            ModelOption("clusters", default: String(ClusterGANMNIST.clusterCount), "number of clusters, the size of the one-hot part"),
            ModelOption("sigma", default: "0.1", "standard deviation σ of the noise part z_n"),
            ModelOption("beta_n", default: "10", "weight β_n of the noise part's cycle loss"),
            ModelOption("beta_c", default: "10", "weight β_c of the clusters' cycle cross-entropy"),
        ]
    ) { settings in
        let noiseSize = try settings.options.integer("noise_size", in: 1...1024)
        let clusters = try settings.options.integer("clusters", in: 2...1000)
        let sigma = try settings.options.float("sigma", in: 0...100)
        let discriminator = ImageDiscriminator<LatentImages>(DCGANMNIST.initialized(DCGANMNIST.discriminator(batchNorm: false)))
        let encoder = ClusterGANMNIST.encoder(noiseSize: noiseSize, clusterCount: clusters)
        let builder = GANBuilder(
            sampleShape: [1, 28, 28], latentShape: [noiseSize], objective: WassersteinObjective(), optimizer: .adam(0.5, 0.9),
            generator: { ClusterGANMNIST.generator(noiseSize: noiseSize, clusterCount: clusters, noiseScale: sigma) })
        let cycle = ClusterCycleLoss(
            encoder: encoder, noiseScale: sigma, clusterCount: clusters,
            noiseWeight: try settings.options.float("beta_n", in: 0...1e6), clusterWeight: try settings.options.float("beta_c", in: 0...1e6))
        var extras = GANBuilder.Extras<LatentImages>()
        extras.allies = [Player(name: "encoder", network: encoder, optimizer: builder.optimizer.make(learningRate: settings.learningRate("encoder")))]
        extras.prior = GaussianPrior(latentShape: [noiseSize], classCount: clusters)
        extras.representations = [
            Representation(name: "encoder_categorical", kind: .clusterLogits, summary: "the encoder's cluster logits E_c(x)") { x in
                evaluating(encoder) { encoder(x).clusterLogits }
            },
            Representation(name: "encoder", summary: "the encoder's outputs (E_n(x), E_c(x))") { x in
                evaluating(encoder) { encoder.network(x) }
            },
        ]
        extras.encoding = { x in
            let encoded = encoder(x)
            let clusterOf = encoded.clusterLogits.argmax(axis: 1).values.map { Int($0) }
            return Latent(noise: sigma > 0 ? encoded.noise / sigma : encoded.noise * 0, labels: clusterOf)
        }
        return try builder.build(settings, discriminator: discriminator, sides: LatentSides(), extraTerms: ([], [cycle]), extras: extras)
    }

    static let biGAN = ModelEntry(
        name: "bigan", aliases: ["ali"],
        summary: "BiGAN / ALI: encoder E: x → z, joint discriminator D(x, z) on (x, E(x)) against (G(z), z); MLP or conv",
        details: "Donahue et al. 2017 (Dumoulin et al. 2017's ALI is the same game), permutation-invariant MNIST setup: "
            + "50-value codes z ~ U(−1, 1), fully connected G, E and D with 1024-unit hidden layers (architecture=mlp; "
            + "architecture=conv uses DCGAN-MNIST's nets for G, E and D's image part), Adam(2e-4, β 0.5, 0.999), batch 128. "
            + "D minimizes the cross-entropy of real pairs against generated ones; G and E minimize it with the labels swapped. "
            + "Representation: encoder (E(x)); the report shows real images beside G(E(x)).",
        sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 20, defaultBatchSize: 128,
        defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4, "encoder": 2e-4],
        options: GANOptions.modelOptions() + [
            ModelOption("architecture", default: "mlp", "mlp (fully connected, the paper's permutation-invariant MNIST) or conv (DCGAN-MNIST's nets)"),
            ModelOption("code_size", default: String(BiGANMNIST.codeSize), "size of the code z"),
        ]
    ) { settings in
        let architecture = BiGANMNIST.Architecture(rawValue: try settings.options.choice(
            "architecture", of: BiGANMNIST.Architecture.allCases.map(\.rawValue)))!
        let codeSize = try settings.options.integer("code_size", in: 1...4096)
        let objective = NonSaturatingObjective()
        let discriminator = BiGANMNIST.discriminator(architecture, codeSize: codeSize)
        let encoder = BiGANMNIST.encoder(architecture, codeSize: codeSize)
        let builder = GANBuilder(
            sampleShape: [1, 28, 28], latentShape: [codeSize], objective: objective, optimizer: .adam(0.5, 0.999),
            generator: { BiGANMNIST.generator(architecture, codeSize: codeSize) })
        var extras = GANBuilder.Extras<CodedImages>()
        extras.allies = [Player(name: "encoder", network: encoder, optimizer: builder.optimizer.make(learningRate: settings.learningRate("encoder")))]
        extras.prior = UniformPrior(latentShape: [codeSize], low: -1, high: 1)
        extras.generatorObjective = SwappedDiscriminatorObjective<CodedImages>(objective)
        extras.representations = [Representation(name: "encoder", summary: "the encoder's codes E(x)") { x in
            evaluating(encoder) { encoder(x) }
        }]
        extras.encoding = { x in Latent(noise: encoder(x)) }
        return try builder.build(settings, discriminator: discriminator, sides: EncodedSides(encoder: encoder), extras: extras)
    }
}
