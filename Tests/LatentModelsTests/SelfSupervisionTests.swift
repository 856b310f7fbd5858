import Foundation
import LatentModels
import LatentNN
import Testing

// The self-supervised options of every GAN: SS-GAN's rotation task and the contrastive discriminator.

/// Fixtures/selfsup.json, written by Scripts/make_selfsup_fixtures.py.
private struct SelfSupervisionFixture: Decodable {
    struct Rotation: Decodable {
        let state: [StoredTensor]
        let real: StoredTensor
        let fake: StoredTensor
        let dLoss: Float
        let dAccuracy: Float
        let dGradients: [StoredTensor]
        let gLoss: Float
        let gGradient: StoredTensor
    }

    struct NTXent: Decodable {
        let name: String
        let temperature: Float
        let first: StoredTensor
        let second: StoredTensor
        let negatives: StoredTensor?
        let loss: Float
        let gradients: [StoredTensor]
    }

    let rotation: Rotation
    let ntxent: [NTXent]

    static func load() throws -> Self {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("selfsup.json")
        return try JSONDecoder().decode(Self.self, from: Data(contentsOf: url))
    }
}

/// The self-supervised tasks `values` select for 1×8×8 images.
private func tasks(_ values: [String: String], sampleShape: [Int] = [1, 8, 8]) throws -> SelfSupervision {
    try SelfSupervision(ModelOptions(values, allowed: SelfSupervision.modelOptions, model: "m"), sampleShape: sampleShape)
}

/// The tiny GAN of `tinyGAN` with the tasks of `options` on its discriminator's 16 features, every
/// parameter (the heads' too) drawn from the configuration's seed.
private func tinySelfSupervisedGAN(_ options: [String: String]) -> (RunConfiguration) -> GAN {
    { configuration in
        let plain = tinyGAN(configuration)
        let selected = try! tasks(options)
        let discriminator = selected.discriminator(wrapping: plain.discriminator, featureCount: 16)
        reinitialize(discriminator, seed: configuration.seed + 1)
        let objective = NonSaturatingObjective()
        let terms = GAN.objectiveTerms(objective, options: GANOptions())
        let extra: (discriminator: [any Term<Tensor>], generator: [any Term<Tensor>]) = selected.terms(sampleShape: [1, 8, 8])
        return GAN(
            generator: plain.generator, generatorOptimizer: plain.generatorOptimizer,
            discriminator: discriminator, discriminatorOptimizer: Adam(learningRate: 1e-3, betas: (0.5, 0.999)),
            sides: ImageSides(), objective: objective, discriminatorTerms: terms.discriminator + extra.discriminator,
            generatorTerms: terms.generator + extra.generator, latentShape: [4])
    }
}

@Suite struct SelfSupervisionTests {
    @Test func rotationsTurnCounterClockwiseAsTorchRot90() {
        let image = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
        #expect(image.rotated90(1).values == [2, 4, 1, 3])
        #expect(image.rotated90(2).values == [4, 3, 2, 1])
        #expect(image.rotated90(3).values == [3, 1, 4, 2])
        #expect(image.rotated90(-1).values == image.rotated90(3).values)
        #expect(image.rotated90(4).values == image.values)
    }

    @Test func rotationLossesMatchPyTorch() throws {
        let fixture = try SelfSupervisionFixture.load().rotation
        let trunk = Sequential(Conv2d(1, 2, kernelSize: 3, padding: 1), LeakyReLU(negativeSlope: 0.2), Flatten(),
                               Linear(32, 3), LeakyReLU(negativeSlope: 0.2), Linear(3, 1))
        let discriminator = try tasks(["rotation": "0.2,1"]).discriminator(wrapping: trunk, featureCount: 3)
        #expect(discriminator.stateDict().map(\.0) == fixture.state.map(\.name))
        try discriminator.loadStateDict(Dictionary(uniqueKeysWithValues: fixture.state.map { ($0.name, $0.tensor) }))
        let terms: (discriminator: [any Term<Tensor>], generator: [any Term<Tensor>]) = try tasks(["rotation": "0.2,1"]).terms(sampleShape: [1, 4, 4])
        let real = fixture.real.tensor.requiringGrad(), fake = fixture.fake.tensor.requiringGrad()
        let parameters = discriminator.namedParameters()
        for parameter in parameters { parameter.tensor.requiresGrad = true }
        defer { for parameter in parameters { parameter.tensor.requiresGrad = false } }
        let verdict = Verdict(real: real, fake: fake, discriminator: discriminator as any Discriminating<Tensor>)
        var random = RandomGenerator(seed: 1)

        let (dLoss, measured) = try #require(terms.discriminator.first).lossAndMeasurements(verdict, random: &random)
        expectClose(dLoss.item, fixture.dLoss, "D rotation loss")
        #expect(abs((measured["d_rotation_accuracy_real"] ?? -1) - fixture.dAccuracy) < 1e-6)
        let rotationWeight = try #require(parameters.first { $0.name == "rotation.weight" }).tensor
        let convWeight = try #require(parameters.first { $0.name == "0.weight" }).tensor
        let dGradients = gradients(of: dLoss, withRespectTo: [real, rotationWeight, convWeight])
        for (gradient, expected) in zip(dGradients, fixture.dGradients) { expectClose(gradient, expected, "D gradient " + expected.name) }

        let gLoss = try #require(terms.generator.first).loss(verdict, random: &random)
        expectClose(gLoss.item, fixture.gLoss, "G rotation loss")
        expectClose(gradients(of: gLoss, withRespectTo: [fake])[0], fixture.gGradient, "G gradient")
        #expect(terms.discriminator.map(\.key) == ["loss_d_rotation"] && terms.generator.map(\.key) == ["loss_g_rotation"])
    }

    @Test func ntXentMatchesPyTorchWithTemperatureAndFakeNegatives() throws {
        for testCase in try SelfSupervisionFixture.load().ntxent {
            let first = testCase.first.tensor.requiringGrad(), second = testCase.second.tensor.requiringGrad()
            let negatives = testCase.negatives?.tensor.requiringGrad()
            let loss = ntXentLoss(first, second, negatives: negatives, temperature: testCase.temperature)
            expectClose(loss.item, testCase.loss, testCase.name)
            let computed = gradients(of: loss, withRespectTo: [first, second] + (negatives.map { [$0] } ?? []))
            #expect(computed.count == testCase.gradients.count)
            for (gradient, expected) in zip(computed, testCase.gradients) { expectClose(gradient, expected, "\(testCase.name) \(expected.name)") }
        }
    }

    @Test func contrastiveLossIsNTXentOfTwoViewsWithTheFakesAsNegatives() throws {
        let selected = try tasks(["contrastive": "0.5,0.2"])
        let discriminator = selected.discriminator(wrapping: Sequential(Flatten(), Linear(64, 16), LeakyReLU(negativeSlope: 0.2), Linear(16, 1)),
                                                   featureCount: 16)
        reinitialize(discriminator, seed: 3)
        #expect(discriminator.stateDict().map(\.0).filter { $0.hasPrefix("projection.") }
                == ["projection.0.weight", "projection.0.bias", "projection.2.weight", "projection.2.bias"])
        let images = tinyImages(count: 6), fake = tinyImages(count: 12).slice(axis: 0, range: 6..<12)
        let terms: (discriminator: [any Term<Tensor>], generator: [any Term<Tensor>]) = selected.terms(sampleShape: [1, 8, 8])
        #expect(terms.generator.isEmpty && terms.discriminator.map(\.key) == ["loss_d_contrastive"])
        var random = RandomGenerator(seed: 5)
        let loss = try #require(terms.discriminator.first).loss(
            Verdict(real: images, fake: fake, discriminator: discriminator as any Discriminating<Tensor>), random: &random)
        var replay = RandomGenerator(seed: 5)
        let views = ContrastiveViews(imageShape: [1, 8, 8], flips: false)
        let projections = (0..<2).map { _ in discriminator.heads(views(images, generator: &replay))[.projection] }
        let expected = 0.5 * ntXentLoss(projections[0], projections[1], negatives: discriminator.heads(fake)[.projection], temperature: 0.2)
        expectClose(loss.item, expected.item, "contrastive loss")
        #expect(views(images, generator: &replay).values != views(images, generator: &replay).values)
    }

    @Test func viewsFlipOnlyWhenAsked() {
        let images = tinyImages(count: 32)
        var random = RandomGenerator(seed: 2)
        let mirrored = ContrastiveViews(imageShape: [1, 8, 8], flips: true)
        // Without shifts and cutout, a flipped view is the image mirrored: each view is one or the other.
        let flipsOnly = ContrastiveViews(augment: DiffAugment([], imageShape: [1, 8, 8]), flips: true)
        let views = flipsOnly(images, generator: &random)
        var flippedCount = 0
        for i in 0..<32 {
            let view = views.slice(axis: 0, range: i..<(i + 1)).values, image = images.slice(axis: 0, range: i..<(i + 1))
            if view == image.flipped(axis: 3).values { flippedCount += 1 } else { #expect(view == image.values) }
        }
        #expect(flippedCount > 4 && flippedCount < 28)
        #expect(mirrored.flips && !ContrastiveViews(imageShape: [1, 8, 8], flips: false).flips)
        #expect(ContrastiveViews(imageShape: [3, 8, 8], flips: false).augment.transforms.contains(.color))
        #expect(!ContrastiveViews(imageShape: [1, 8, 8], flips: false).augment.transforms.contains(.color))
    }

    @Test(arguments: [["rotation": "0.2,1"], ["contrastive": "1,0.1"], ["rotation": "0.2,1", "contrastive": "1,0.1", "contrastive_flip": "true"]])
    func resumedRunWithTheOptionEndsBitIdentical(options: [String: String]) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = tinyConfiguration(epochs: 1, checkpointEvery: 3)
        let makeModel = tinySelfSupervisedGAN(options)
        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration,
                                data: try tinyLoader(), makeModel: makeModel)
        try whole.train()
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try tinyLoader(), makeModel: makeModel)
            for _ in 0..<4 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try tinyLoader(), resume: true, makeModel: makeModel)
        #expect(resumed.completedSteps == 3)
        try resumed.train()
        for (a, b) in zip(whole.model.modules, resumed.model.modules) { #expect(bits(a.module) == bits(b.module), "\(a.name)") }
        for (a, b) in zip(whole.model.optimizers, resumed.model.optimizers) { #expect(bits(a.optimizer) == bits(b.optimizer), "\(a.name)") }
        let keys = try #require(metricsRecords(whole.directory).last).keys
        if options["rotation"] != nil {
            #expect(keys.contains("loss_d_rotation") && keys.contains("loss_g_rotation") && keys.contains("d_rotation_accuracy_real"))
        }
        if options["contrastive"] != nil { #expect(keys.contains("loss_d_contrastive")) }
    }

    @Test func badOptionValuesAreRejectedNamingTheValue() throws {
        for (name, value) in [("rotation", "0.2"), ("rotation", "0.2,0"), ("rotation", "-1,1"), ("rotation", "a,b"), ("rotation", "0.2,1,3"),
                              ("rotation", "nan,1"), ("contrastive", "1"), ("contrastive", "1,0"), ("contrastive", "0,0.1"),
                              ("contrastive", "1,inf"), ("contrastive_flip", "yes")] {
            do {
                _ = try tasks([name: value])
                Issue.record("\(name)=\(value) was accepted")
            } catch let error as TrainingError {
                #expect("\(error)".contains("\"\(value)\"") && "\(error)".contains(name), "\(error)")
            }
        }
        #expect(throws: TrainingError.self) { try tasks(["rotation": "0.2,1"], sampleShape: [2]) }
        #expect(throws: TrainingError.self) { try tasks(["rotation": "0.2,1"], sampleShape: [1, 8, 6]) }
        #expect(throws: TrainingError.self) { try tasks(["contrastive": "1,0.1"], sampleShape: [2]) }
        let chosen = try tasks(["rotation": "0.2,1", "contrastive": "1,0.5"])
        #expect(chosen.rotation == .init(generator: 0.2, discriminator: 1) && chosen.contrastive == .init(weight: 1, temperature: 0.5))
        #expect(try !tasks([:]).isActive)
    }

    @Test func everyGANEntryTakesTheOptionsAndTheDiscriminatorFeaturesStayTheBase() throws {
        for name in ["dcgan", "gan", "cgan"] {
            let entry = try ModelCatalog.entry(named: name)
            #expect(entry.options.contains { $0.name == "rotation" } && entry.options.contains { $0.name == "contrastive" })
        }
        var configuration = RunConfiguration(model: "dcgan", dataset: "mnist", epochs: 1, batchSize: 8, seed: 1, learningRates: [:])
        configuration.options = ["rotation": "0.2,1", "hidden_size": "0"]
        let model = try ModelCatalog.entry(named: "dcgan").makeModel(configuration)
        let names = model.modules.first { $0.name == "discriminator" }!.module.stateDict().map(\.0)
        #expect(names.contains("rotation.weight") && names.contains("0.weight"))
        let features = try #require(model.representations.first { $0.name == "discriminator" })
        #expect(features(Tensor.zeros([2, 1, 28, 28])).shape == [2, 128 * 7 * 7])
        configuration.model = "gan-2d"
        configuration.options = ["rotation": "0.2,1"]
        #expect(throws: TrainingError.self) { try ModelCatalog.entry(named: "gan-2d").makeModel(configuration) }
    }
}
