import LatentNN

/// CycleGAN (Zhu et al. 2017) in the model catalog: G_AB (`generator`) and G_BA (`generator_ba`, its ally)
/// against two PatchGAN discriminators (`discriminator`: `domain_a`, `domain_b`) on unpaired batches of
/// A and B side by side on the channel axis (`mnist-inverse`, `mnist-thick`).
enum CycleGANCatalog {
    static let entries: [ModelEntry] = [cycleGAN]

    /// The samples by default, those of the MNIST translation tasks: a grey 28×28 A beside a grey B; a run on other
    /// data takes the data's channels and size (a multiple of 4, for the generators' two halvings).
    static let pairShape = PairShape(defaults: (source: 1, target: 1, size: 28), sizeRule: "a multiple of 4") { $0 % 4 == 0 }

    static let cycleGAN = ModelEntry(
        name: "cyclegan",
        summary: "CycleGAN: unpaired A ↔ B translation, two ResNet generators, two PatchGANs, cycle and identity losses",
        details: "Zhu et al. 2017 as their official code: ResNet generators (reflection padding, instance norm, 9 or 6 "
            + "residual blocks), 70×70-style PatchGAN discriminators with instance norm, least-squares loss (D: ½(MSE(D(real), 1) + "
            + "MSE(D(fake), 0)) per domain; G: MSE(D(G(x)), 1)), cycle loss λ_A·|G_BA(G_AB(A)) − A| + λ_B·|G_AB(G_BA(B)) − B| with "
            + "λ 10, identity loss 0.5·λ, history pools of 50 generated images per discriminator, Adam(2e-4, β 0.5, 0.999) with the "
            + "learning rate constant for n_steps steps then falling linearly to 0 over n_steps_decay steps (the paper counts "
            + "epochs). Data: batches of A and B side by side (mnist-inverse, mnist-thick, unpaired, horse2zebra), grey or RGB, of the "
            + "data's size (input_nc, output_nc and crop_size record it); jitter=true and flip=true augment them as the paper does; the epoch grids "
            + "samples/a_to_b_to_a/ and samples/b_to_a_to_b/ show a fixed training batch, its translation and its way back.",
        sampleShape: [2, 28, 28], dataShape: pairShape, augmentsPairs: true, scaling: .minusOneToOne, defaultDataset: "mnist-inverse", defaultEpochs: 5, defaultBatchSize: 1,
        defaultLearningRates: ["generator": 2e-4, "generator_ba": 2e-4, "discriminator": 2e-4],
        options: [
            ModelOption("ngf", default: "64", "filters in the generators' first layer"),
            ModelOption("ndf", default: "64", "filters in the discriminators' first layer"),
            ModelOption("n_blocks", default: "9", "residual blocks of each generator (9 at 256 px, 6 at 128 px in the paper)"),
            ModelOption("n_layers_D", default: "3", "stride-2 layers of each PatchGAN discriminator"),
            ModelOption("lambda_A", default: "10", "weight of the cycle loss A → B → A"),
            ModelOption("lambda_B", default: "10", "weight of the cycle loss B → A → B"),
            ModelOption("lambda_identity", default: "0.5", "weight of the identity loss as a share of λ_A and λ_B, 0 for none"),
            ModelOption("pool_size", default: "50", "generated images each discriminator's history pool keeps, 0 for none"),
            ModelOption("n_steps", default: "100000", "steps at the initial learning rate"),
            ModelOption("n_steps_decay", default: "100000", "steps over which the learning rate then falls linearly to 0"),
        ]
    ) { settings in
        let options = settings.options
        let (channels, channelsB, size) = try pairShape.values(options)
        let imageShape = [channels, size, size], imageShapeB = [channelsB, size, size]
        let ngf = try options.integer("ngf", in: 1...1024), ndf = try options.integer("ndf", in: 1...1024)
        let blocks = try options.integer("n_blocks", in: 0...64), layers = try options.integer("n_layers_D", in: 1...3)
        let lambdaA = try options.float("lambda_A", in: 0...1e6), lambdaB = try options.float("lambda_B", in: 0...1e6)
        let identity = try options.float("lambda_identity", in: 0...1e6)
        let poolSize = try options.integer("pool_size", in: 0...10_000)
        let constantSteps = try options.integer("n_steps", in: 0...1_000_000_000)
        let decaySteps = try options.integer("n_steps_decay", in: 0...1_000_000_000)
        guard identity == 0 || channels == channelsB else {
            throw TrainingError.invalidConfiguration(
                "model cyclegan: the identity loss needs A and B of the same channels (input_nc \(channels), output_nc \(channelsB)); "
                    + "set lambda_identity=0")
        }
        func patchGAN(_ channels: Int) -> Sequential {
            ResnetGenerator.initializedAsOfficial(PatchGAN.discriminator(inputChannels: channels, ndf: ndf, nLayers: layers, norm: .instance))
        }
        let discriminator = CycleDiscriminators(
            domainA: patchGAN(channels), domainB: patchGAN(channelsB), poolSize: poolSize, shapeA: imageShape, shapeB: imageShapeB)
        let forward = ResnetGenerator(inputChannels: channels, outputChannels: channelsB, ngf: ngf, blockCount: blocks)
        let backward = ResnetGenerator(inputChannels: channelsB, outputChannels: channels, ngf: ngf, blockCount: blocks)
        func adam(_ player: String) -> Adam { Adam(learningRate: settings.learningRate(player), betas: (0.5, 0.999)) }
        let cycle = CycleConsistencyLoss(forward: forward, backward: backward, lambdaA: lambdaA, lambdaB: lambdaB)
        let identityTerms: [any Term<UnpairedImages>] = identity > 0
            ? [CycleIdentityLoss(forward: forward, backward: backward, lambdaA: lambdaA, lambdaB: lambdaB, lambdaIdentity: identity)] : []
        let game = AdversarialGame(
            generator: forward, generatorOptimizer: adam("generator"), discriminator: discriminator,
            discriminatorOptimizer: adam("discriminator"),
            allies: [Player(name: "generator_ba", network: backward, optimizer: adam("generator_ba"))],
            prior: SourceImagePrior(sourceShape: imageShape), sides: UnpairedSides(sourceChannels: channels, backward: backward),
            objective: LeastSquaresObjective(), discriminatorTerms: [CycleDiscriminatorLoss(discriminator)],
            generatorTerms: [CycleGeneratorLoss(), cycle] + identityTerms, latentShape: imageShape,
            translation: { batch in cycleGrids(batch, sourceChannels: channels, forward: forward, backward: backward) },
            inverseGenerator: backward)
        for player in game.players {
            player.schedule = LinearDecayLR(
                baseLearningRate: player.optimizer.learningRate, constantSteps: constantSteps, decaySteps: decaySteps)
        }
        return game
    }

    /// A → G_AB(A) → G_BA(G_AB(A)) and B → G_BA(B) → G_AB(G_BA(B)) for a batch of A and B side by side.
    static func cycleGrids(
        _ batch: Tensor, sourceChannels: Int, forward: any GeneratorNetwork, backward: any GeneratorNetwork
    ) -> [(name: String, rows: [Tensor])] {
        let parts = batch.split(sizes: [sourceChannels, batch.shape[1] - sourceChannels], axis: 1)
        let (a, b) = (parts[0], parts[1])
        let (fakeB, fakeA) = (forward(a), backward(b))
        return [("a_to_b_to_a", [a, fakeB, backward(fakeB)]), ("b_to_a_to_b", [b, fakeA, forward(fakeA)])]
    }
}
