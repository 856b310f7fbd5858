import LatentModels
import LatentNN

/// A BiGAN (Donahue, Krähenbühl and Darrell, 2017) on 28×28 digits, written only against Latent's public API:
/// a generator z → x and an encoder x → z play together against a discriminator of (x, z) pairs, which
/// tells real images with their encodings from generated images with the codes they came from.
final class BiGAN: Trainable, SampleGenerating {
    /// The generator and the encoder, updated together by one optimizer.
    final class Players: Module {
        let generator: Sequential
        let encoder: Sequential

        init(codeSize: Int, hiddenSize: Int) {
            generator = Sequential(
                Linear(codeSize, hiddenSize), ReLU(), Linear(hiddenSize, 784), Tanh(), Unflatten(dim: 1, unflattenedSize: [1, 28, 28]))
            encoder = Sequential(Flatten(), Linear(784, hiddenSize), LeakyReLU(negativeSlope: 0.2), Linear(hiddenSize, codeSize))
            super.init()
        }
    }

    /// D(x, z): the logit that image x and code z came from the data and the encoder.
    final class JointDiscriminator: Module {
        let body: Sequential

        init(codeSize: Int, hiddenSize: Int) {
            body = Sequential(Linear(784 + codeSize, hiddenSize), LeakyReLU(negativeSlope: 0.2), Linear(hiddenSize, 1))
            super.init()
        }

        func callAsFunction(_ x: Tensor, _ z: Tensor) -> Tensor {
            body(Tensor.concatenated([x.flattened(), z], axis: 1))
        }
    }

    let players: Players
    let discriminator: JointDiscriminator
    let playersOptimizer: Adam
    let discriminatorOptimizer: Adam
    let latentShape: [Int]

    init(codeSize: Int, hiddenSize: Int, playersRate: Float, discriminatorRate: Float) {
        players = Players(codeSize: codeSize, hiddenSize: hiddenSize)
        discriminator = JointDiscriminator(codeSize: codeSize, hiddenSize: hiddenSize)
        playersOptimizer = Adam(learningRate: playersRate, betas: (0.5, 0.999))
        discriminatorOptimizer = Adam(learningRate: discriminatorRate, betas: (0.5, 0.999))
        latentShape = [codeSize]
    }

    var checkpointParts: [String: Checkpoint.Part] {
        ["players": .module(players), "players_optimizer": .optimizer(playersOptimizer, for: players),
         "discriminator": .module(discriminator), "discriminator_optimizer": .optimizer(discriminatorOptimizer, for: discriminator)]
    }

    var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("players", playersOptimizer), ("discriminator", discriminatorOptimizer)]
    }

    var modules: [(name: String, module: Module)] { [("players", players), ("discriminator", discriminator)] }

    /// One discriminator update, then one update of generator and encoder with the labels swapped.
    func step(real x: Tensor, labels: [Int], generator random: inout RandomGenerator) -> StepOutcome {
        let count = x.shape[0]
        let z = Tensor.randn([count] + latentShape, generator: &random)
        let real = Tensor.ones([count, 1]), fake = Tensor.zeros([count, 1])
        let (generated, encoded) = withoutGrad { (players.generator(z), players.encoder(x)) }
        let (dLoss, dGrads) = valueAndGrad(of: discriminator) { d in
            binaryCrossEntropyWithLogits(d(x, encoded), real) + binaryCrossEntropyWithLogits(d(generated, z), fake)
        }
        discriminatorOptimizer.update(discriminator, with: dGrads)
        let (gLoss, gGrads) = valueAndGrad(of: players) { p in
            binaryCrossEntropyWithLogits(discriminator(p.generator(z), z), real)
                + binaryCrossEntropyWithLogits(discriminator(x, p.encoder(x)), fake)
        }
        playersOptimizer.update(players, with: gGrads)
        return StepOutcome(losses: ["loss_d": dLoss.item, "loss_g": gLoss.item])
    }

    func generate(_ z: Tensor) -> Tensor {
        withoutGrad { players.generator(z) }
    }
}

extension BiGAN {
    /// The catalog entry that `latent-examples train bigan-mlp` trains.
    static let entry = ModelEntry(
        name: "bigan-mlp", summary: "BiGAN defined outside Latent: MLP generator, encoder and joint (x, z) discriminator",
        details: "Examples/Sources/LatentExamples/BiGAN.swift: Adam (0.5, 0.999) for the players and for D.",
        sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 10, defaultBatchSize: 64,
        defaultLearningRates: ["players": 2e-4, "discriminator": 2e-4],
        options: [ModelOption("code_size", default: "32", "size of the code z"),
                  ModelOption("hidden_size", default: "256", "width of every hidden layer")]
    ) { settings in
        BiGAN(codeSize: try settings.options.integer("code_size", in: 1...1024),
              hiddenSize: try settings.options.integer("hidden_size", in: 1...4096),
              playersRate: settings.learningRate("players"), discriminatorRate: settings.learningRate("discriminator"))
    }
}
