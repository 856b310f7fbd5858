import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

// A BiGAN (Donahue et al. 2017; ALI, Dumoulin et al. 2017) put together from outside the library with its
// public API alone: an encoder E: x → z joins the generator's side, and a joint discriminator D(x, z)
// tells (x, E(x)) from (G(z), z). This target imports LatentModels without @testable.

// MARK: The game, from outside (under 60 lines)

/// D(x, z): the flattened image and its code concatenated, one hidden layer, one score.
final class JointDiscriminator: Module, Discriminating {
    let trunk = Sequential(Linear(64 + 4, 16), LeakyReLU(negativeSlope: 0.2))
    let head = Linear(16, 1)

    func heads(_ sample: CodedImages) -> Heads { Heads(score: head(features(sample))) }

    func features(_ sample: CodedImages) -> Tensor {
        trunk(Tensor.concatenated([sample.images.reshaped([sample.images.shape[0], 64]), sample.codes], axis: 1))
    }
}

/// The real side is (x, E(x)), the fake side (G(z), z).
struct BiGANSides: Sides {
    let encoder: Sequential

    func real(_ x: Tensor, labels: [Int]?) -> CodedImages { CodedImages(images: x, codes: encoder(x)) }

    func fake(_ images: Tensor, from latent: Latent) -> CodedImages { CodedImages(images: images, codes: latent.noise) }
}

/// G and E minimize the discriminator's loss with the sides swapped: their fakes aimed at real, E's codes at fake.
struct SwappedSides: Term {
    let objective: any GANObjective

    func loss(_ verdict: Verdict<CodedImages>, random: inout RandomGenerator) -> Tensor {
        objective.discriminatorLoss(real: verdict.fakeHeads.score, fake: verdict.realHeads.score)
    }
}

/// The BiGAN on 1×8×8 images with 4 code values, every network drawn from the configuration's seed.
func makeBiGAN(_ configuration: RunConfiguration) -> AdversarialGame<CodedImages> {
    let generator = Sequential(Linear(4, 16), ReLU(), Linear(16, 64), Tanh(), Unflatten(dim: 1, unflattenedSize: [1, 8, 8]))
    let encoder = Sequential(Flatten(), Linear(64, 16), ReLU(), Linear(16, 4))
    let discriminator = JointDiscriminator()
    for (offset, network) in [generator, encoder, discriminator].enumerated() {
        reinitialize(network, seed: configuration.seed + UInt64(offset))
    }
    let objective = NonSaturatingObjective()
    func adam() -> Adam { Adam(learningRate: 1e-3, betas: (0.5, 0.999)) }
    return AdversarialGame(
        generator: generator, generatorOptimizer: adam(), discriminator: discriminator, discriminatorOptimizer: adam(),
        allies: [Player(name: "encoder", network: encoder, optimizer: adam())], sides: BiGANSides(encoder: encoder),
        objective: objective, discriminatorTerms: [DiscriminatorObjective(objective)],
        generatorTerms: [SwappedSides(objective: objective)], latentShape: [4])
}

// MARK: Tests

@Suite struct BiGANFromOutsideTests {
    @Test func encoderReceivesGradientThroughTheJointDiscriminatorAndLearns() throws {
        let game = makeBiGAN(tinyConfiguration(model: "bigan"))
        let encoder = try #require(game.players.first { $0.name == "encoder" }?.network)
        let x = tinyImages(count: 8)
        var random = RandomGenerator(seed: 1)
        let z = game.noise(count: 8, generator: &random)
        let (_, gradients) = valueAndGrad(of: encoder) { _ in
            let verdict = Verdict(real: game.sides.real(x, labels: nil), fake: game.sides.fake(game.generator(Latent(noise: z)), from: Latent(noise: z)),
                                  discriminator: game.discriminator)
            return SwappedSides(objective: game.objective).loss(verdict, random: &random)
        }
        #expect(Set(gradients.keys) == Set(encoder.namedParameters().map(\.name)))
        #expect(gradients.values.allSatisfy { gradient in gradient.values.contains { $0 != 0 } })

        let before = bits(encoder)
        let outcome = game.step(real: x, generator: &random)
        #expect(outcome.losses["loss_g"]?.isFinite == true && outcome.losses["loss_d"]?.isFinite == true)
        let after = bits(encoder)
        #expect(before.keys.allSatisfy { before[$0] != after[$0] })
    }

    @Test func resumedRunEndsBitIdenticalToAnUninterruptedOneWithTheEncoderSaved() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = tinyConfiguration(model: "bigan", epochs: 2, checkpointEvery: 3)
        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration,
                                data: try tinyLoader(), makeModel: makeBiGAN)
        try whole.train()

        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try tinyLoader(), makeModel: makeBiGAN)
            for _ in 0..<7 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try tinyLoader(), resume: true, makeModel: makeBiGAN)
        #expect(resumed.completedSteps == 6)
        try resumed.train()
        #expect(resumed.completedSteps == 16)

        #expect(Set(whole.model.checkpointParts.keys)
            == ["generator", "discriminator", "encoder", "generator_optimizer", "discriminator_optimizer", "encoder_optimizer"])
        for ((name, expected), (_, actual)) in zip(whole.model.modules, resumed.model.modules) {
            #expect(bits(actual) == bits(expected), "\(name)")
        }
        for ((name, expected), (_, actual)) in zip(whole.model.optimizers, resumed.model.optimizers) {
            #expect(bits(actual) == bits(expected), "\(name)")
        }
    }
}
