import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// ClusterGAN and BiGAN: their losses against PyTorch (Fixtures/encoder_gans.json, written by
// Scripts/make_encoder_gan_fixtures.py), their representations and reconstructions, and resuming bit for bit.

@Suite(.serialized) struct EncoderGANTests {
    private func fixture() throws -> EncoderGANFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("encoder_gans.json")
        return try JSONDecoder().decode(EncoderGANFixture.self, from: Data(contentsOf: url))
    }

    private func load(_ module: Module, _ tensors: [StoredTensor], prefix: String = "") throws {
        let state = tensors.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.tensor) }
        _ = try module.loadStateDict(state)
    }

    /// Expects `gradients` to hold each of `expected` (named as stored, less `prefix`) within 1e-5 relative.
    private func expectClose(_ gradients: Gradients, _ expected: [StoredTensor], prefix: String = "") throws {
        for stored in expected where stored.name.hasPrefix(prefix) {
            let gradient = try #require(gradients[String(stored.name.dropFirst(prefix.count))], "\(stored.name)")
            expectClose(gradient, stored.tensor, stored.name)
        }
    }

    private func expectClose(_ actual: Tensor, _ expected: Tensor, _ name: String) {
        #expect(actual.shape == expected.shape, "\(name)")
        for (a, e) in zip(actual.values, expected.values) {
            #expect(abs(a - e) <= 1e-5 * max(1, abs(e)), "\(name): \(a) against PyTorch's \(e)")
        }
    }

    @Test func clusterCycleLossMatchesPyTorchInValueAndGradients() throws {
        let stored = try fixture().clusterGAN
        let encoder = ClusterEncoder(network: Sequential(Linear(6, 7)), noiseSize: 3)
        try load(encoder, stored.encoder)
        let term = ClusterCycleLoss(encoder: encoder, noiseScale: stored.sigma, clusterCount: 4,
                                    noiseWeight: stored.betaN, clusterWeight: stored.betaC)
        let images = stored.images.tensor.requiringGrad()
        let fake = LatentImages(images: images, latent: Latent(noise: stored.noise.tensor, labels: stored.clusters))
        let critic = ImageDiscriminator<LatentImages>(Sequential(Linear(6, 1)))
        var random = RandomGenerator(seed: 1)
        let (loss, encoderGradients) = valueAndGrad(of: encoder) { _ in
            term.loss(Verdict(real: fake, fake: fake, discriminator: critic), random: &random)
        }
        #expect(abs(loss.item - stored.loss) <= 1e-5 * abs(stored.loss))
        try expectClose(encoderGradients, stored.gradients)
        var again = RandomGenerator(seed: 1)
        let imageGradient = gradients(
            of: term.loss(Verdict(real: fake, fake: fake, discriminator: critic), random: &again), withRespectTo: [images])[0]
        expectClose(imageGradient, stored.imageGradient.tensor, "images")
    }

    @Test func biganJointLossesMatchPyTorchInValueAndGradients() throws {
        let stored = try fixture().biGAN
        let discriminator = JointDiscriminator(
            image: Sequential(Flatten()), code: Sequential(Identity()),
            joint: Sequential(Linear(8, 4), LeakyReLU(negativeSlope: 0.2)), output: Linear(4, 1))
        try load(discriminator, stored.discriminator)
        let players = BiGANPair()
        try load(players, stored.encoder + stored.generator)
        let sides = EncodedSides(encoder: players.encoder)
        let objective = NonSaturatingObjective()
        let x = stored.x.tensor, z = stored.z.tensor
        var random = RandomGenerator(seed: 1)
        let (dLoss, dGradients) = valueAndGrad(of: discriminator) { d in
            let verdict = Verdict(
                real: sides.real(x, labels: nil).detached(),
                fake: sides.fake(players.generator(z), from: Latent(noise: z)).detached(), discriminator: d)
            return DiscriminatorObjective<CodedImages>(objective).loss(verdict, random: &random)
        }
        #expect(abs(dLoss.item - stored.dLoss) <= 1e-5 * abs(stored.dLoss))
        try expectClose(dGradients, stored.dGradients)
        let (geLoss, geGradients) = valueAndGrad(of: players) { p in
            let verdict = Verdict(
                real: sides.real(x, labels: nil), fake: sides.fake(p.generator(z), from: Latent(noise: z)), discriminator: discriminator)
            return SwappedDiscriminatorObjective<CodedImages>(objective).loss(verdict, random: &random)
        }
        #expect(abs(geLoss.item - stored.geLoss) <= 1e-5 * abs(stored.geLoss))
        try expectClose(geGradients, stored.geGradients)
    }

    @Test(arguments: ["clustergan", "bigan"])
    func resumedRunEndsBitIdenticalWithItsEncoder(name: String) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var configuration = RunConfiguration(
            model: name, dataset: "tiny", epochs: 1, batchSize: 4, seed: 5, threads: 1, learningRates: [:],
            checkpointEverySteps: 2, keepCheckpoints: 2)
        // Two critic updates per generator update, so that the resumed steps hold both kinds.
        configuration.options = name == "clustergan" ? ["n_critic": "2"] : [:]
        let entry = try ModelCatalog.entry(named: name)
        var data = RandomGenerator(seed: 4)
        let images = Tensor.uniform([12, 1, 28, 28], low: -1, high: 1, generator: &data)
        func loader() throws -> DataLoader { try DataLoader(images, batchSize: 4, shuffle: true, dropLast: true, seed: 3) }
        let make: (RunConfiguration) throws -> any Trainable = { try entry.makeModel($0) }

        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration, data: try loader(), makeModel: make)
        try whole.train()
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try loader(), makeModel: make)
            for _ in 0..<3 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try loader(), resume: true, makeModel: make)
        #expect(resumed.completedSteps == 2)
        try resumed.train()
        #expect(whole.model.checkpointParts.keys.contains("encoder") && whole.model.checkpointParts.keys.contains("encoder_optimizer"))
        for ((partName, a), (_, b)) in zip(whole.model.modules, resumed.model.modules) {
            #expect(bits(a) == bits(b), "\(name): \(partName)")
        }
        for ((partName, a), (_, b)) in zip(whole.model.optimizers, resumed.model.optimizers) {
            #expect(bits(a) == bits(b), "\(name): \(partName)_optimizer")
        }
    }

    @Test func clusterganOffersItsEncodersRepresentationsAndReconstructs() throws {
        let configuration = RunConfiguration(model: "clustergan", dataset: "mnist", epochs: 1, batchSize: 4, seed: 1, learningRates: [:])
        let model = try ModelCatalog.entry(named: "clustergan").makeModel(configuration)
        let names = model.representations.map(\.name)
        #expect(names == ["discriminator", "encoder_categorical", "encoder"])
        let x = Tensor.uniform([3, 1, 28, 28], low: -1, high: 1)
        let logits = try #require(model.representations.first { $0.name == "encoder_categorical" })
        #expect(logits.kind == .clusterLogits && logits(x).shape == [3, 10])
        let outputs = try #require(model.representations.last)
        #expect(outputs(x).shape == [3, 40])
        let game = try #require(model as? AdversarialGame<LatentImages>)
        #expect(game.reconstructs && game.reconstruct(x).shape == [3, 1, 28, 28])
        #expect(game.players.map(\.name) == ["discriminator", "generator", "encoder"])
    }

    @Test func biganEncodesToItsCodeSizeAndRejectsAnUnknownArchitecture() throws {
        var configuration = RunConfiguration(model: "bigan", dataset: "mnist", epochs: 1, batchSize: 4, seed: 1, learningRates: [:])
        configuration.options = ["code_size": "7"]
        let game = try #require(try ModelCatalog.entry(named: "bigan").makeModel(configuration) as? AdversarialGame<CodedImages>)
        let x = Tensor.uniform([3, 1, 28, 28], low: -1, high: 1)
        #expect(game.representations.map(\.name) == ["discriminator", "encoder"])
        let codes = try #require(game.representations.last)
        #expect(codes(x).shape == [3, 7])
        #expect(game.reconstruct(x).shape == [3, 1, 28, 28])
        var random = RandomGenerator(seed: 2)
        let outcome = game.step(real: x, labels: [], generator: &random)
        #expect(outcome.losses["loss_d"]!.isFinite && outcome.losses["loss_g"]!.isFinite)
        configuration.options = ["architecture": "conv"]
        let convolutional = try #require(try ModelCatalog.entry(named: "bigan").makeModel(configuration) as? AdversarialGame<CodedImages>)
        let convolutionalOutcome = convolutional.step(real: x, labels: [], generator: &random)
        #expect(convolutionalOutcome.losses["loss_g"]!.isFinite && convolutional.reconstruct(x).shape == [3, 1, 28, 28])
        configuration.options = ["architecture": "dense"]
        #expect(throws: TrainingError.self) { _ = try ModelCatalog.entry(named: "bigan").makeModel(configuration) }
    }

    @Test func plainGANsDoNotReconstruct() throws {
        let configuration = RunConfiguration(model: "gan", dataset: "mnist", epochs: 1, batchSize: 4, seed: 1, learningRates: [:])
        let game = try #require(try ModelCatalog.entry(named: "gan").makeModel(configuration) as? GAN)
        #expect(!game.reconstructs)
    }
}

/// A BiGAN's encoder E = Linear(6, 2) and generator G = Linear(2, 6), named as the fixture names them.
private final class BiGANPair: Module {
    let encoder = Sequential(Linear(6, 2))
    let generator = Sequential(Linear(2, 6))
}

/// Fixtures/encoder_gans.json.
private struct EncoderGANFixture: Decodable {
    struct ClusterGAN: Decodable {
        let encoder: [StoredTensor]
        let images: StoredTensor
        let noise: StoredTensor
        let clusters: [Int]
        let sigma: Float
        let betaN: Float
        let betaC: Float
        let loss: Float
        let gradients: [StoredTensor]
        let imageGradient: StoredTensor
    }

    struct BiGAN: Decodable {
        let discriminator: [StoredTensor]
        let encoder: [StoredTensor]
        let generator: [StoredTensor]
        let x: StoredTensor
        let z: StoredTensor
        let dLoss: Float
        let dGradients: [StoredTensor]
        let geLoss: Float
        let geGradients: [StoredTensor]
    }

    let clusterGAN: ClusterGAN
    let biGAN: BiGAN
}
