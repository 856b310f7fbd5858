import Foundation
import Testing
@testable import LatentModels
import LatentData
import LatentNN

// ProGAN: the growth schedule by hand, the fade-in against PyTorch (Fixtures/progan_fade_in.json, written
// by Scripts/make_progan_fixtures.py), the networks at every level, and a bit-exact resume mid-fade.

@Suite struct ProGANTests {
    @Test func scheduleTrainsThenFadesInEachResolution() throws {
        let schedule = try GrowthSchedule(finalResolution: 32, trainingImages: 100, transitionImages: 50)
        let expected: [(Int, Int, Float)] = [
            (0, 4, 1), (99, 4, 1), (100, 8, 0), (125, 8, 0.5), (149, 8, 0.98), (150, 8, 1), (249, 8, 1),
            (250, 16, 0), (400, 32, 0), (425, 32, 0.5), (450, 32, 1), (1_000_000_000, 32, 1),
        ]
        for (images, resolution, alpha) in expected {
            let level = schedule.level(imagesShown: images)
            #expect(level.resolution == resolution && abs(level.alpha - alpha) < 1e-6, "after \(images) images: \(level)")
        }
        #expect(schedule.resolutionCount == 4)
        #expect(throws: TrainingError.self) { try GrowthSchedule(finalResolution: 24, trainingImages: 1, transitionImages: 1) }
        #expect(throws: TrainingError.self) { try GrowthSchedule(finalResolution: 32, trainingImages: 0, transitionImages: 0) }
    }

    @Test(arguments: FadeInCase.all.map(\.name))
    func fadeInMatchesPyTorch(_ name: String) throws {
        let fixture = try #require(FadeInCase.all.first { $0.name == name })
        let a = fixture.inputs[0].tensor.requiringGrad(), b = fixture.inputs[1].tensor.requiringGrad()
        let alpha = try #require(fixture.args["alpha"])
        let output = fixture.op == "generator_fade_in"
            ? FadeIn.generator(old: a, new: b, alpha: alpha)
            : FadeIn.discriminator(image: a, new: b, alpha: alpha) { $0 }
        #expect(output.shape == fixture.output.shape)
        #expect(maxDifference(output.values, fixture.output.values) < 1e-5)
        let grads = gradients(of: (output * fixture.w.tensor).sum(), withRespectTo: [a, b])
        for (grad, expected) in zip(grads, fixture.gradients) {
            #expect(maxDifference(grad.values, expected.values) < 1e-5, "\(name): gradient of \(expected.name)")
        }
    }

    @Test func networksMakeAndReadDataSizedImagesAtEveryLevel() throws {
        let (generator, discriminator, images) = try tinyNetworks()
        let z = Tensor.randn([3, 8])
        for count in [0, 10, 15, 20, 30, 35, 45, 60, 1000] {
            images.value = count
            let x = generator(z)
            #expect(x.shape == [3, 1, 28, 28], "after \(count) images")
            #expect(discriminator.heads(x).score.shape == [3, 1], "after \(count) images")
            #expect(discriminator.features(x).shape == [3, 8])
        }
    }

    @Test func fadeInStartsFromThePreviousResolutionsImages() throws {
        // At α = 0 the new block is invisible: G's 8×8 output equals its 4×4 output, D's score too.
        let (generator, discriminator, images) = try tinyNetworks()
        let z = Tensor.randn([2, 8]), x = Tensor.uniform([2, 1, 28, 28], low: -1, high: 1)
        images.value = 9
        let stable = (generator(z).values, discriminator.heads(x).score.values)
        images.value = 10
        #expect(generator.clock.level == GrowthLevel(resolution: 8, alpha: 0))
        let fading = (generator(z).values, discriminator.heads(x).score.values)
        #expect(maxDifference(stable.0, fading.0) < 1e-5)
        #expect(maxDifference(stable.1, fading.1) < 1e-5)
        images.value = 12
        #expect(maxDifference(stable.0, generator(z).values) > 1e-4, "the new block shows once α > 0")
    }

    @Test func resumedRunEndsBitIdenticalMidFade() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Batch 4, a phase of 8 + 8 images: the checkpoint at step 7 (28 images) is halfway into 16×16.
        let configuration = RunConfiguration(
            model: "progan", dataset: "tiny", epochs: 2, batchSize: 4, seed: 7, learningRates: [:], checkpointEverySteps: 7,
            options: ["lod_training_kimg": "0.008", "lod_transition_kimg": "0.008", "fmap_base": "16", "fmap_max": "8",
                      "latent_size": "8", "g_ema": "0"])
        var generator = RandomGenerator(seed: 5)
        let data = Tensor.uniform([24, 1, 28, 28], low: -1, high: 1, generator: &generator)
        func loader() throws -> DataLoader { try DataLoader(data, batchSize: 4, shuffle: true, dropLast: true, seed: 3) }
        func makeModel(_ configuration: RunConfiguration) throws -> any Trainable {
            let game = try #require(try ModelCatalog.entry(named: "progan").makeModel(configuration) as? GAN)
            reinitialize(game.generator, seed: 1)
            reinitialize(game.discriminator, seed: 2)
            return game
        }
        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration, data: try loader(),
                                makeModel: makeModel)
        try whole.train()
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try loader(), makeModel: makeModel)
            for _ in 0..<9 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try loader(), resume: true, makeModel: makeModel)
        #expect(resumed.completedSteps == 7)
        let generatorNetwork = try #require((resumed.model as? GAN)?.generator as? ProGANGenerator)
        #expect(generatorNetwork.clock.level == GrowthLevel(resolution: 16, alpha: 0.5))
        try resumed.train()
        let a = try #require(whole.model as? GAN), b = try #require(resumed.model as? GAN)
        #expect(bits(a.generator) == bits(b.generator))
        #expect(bits(a.discriminator) == bits(b.discriminator))
        #expect(bits(a.generatorOptimizer) == bits(b.generatorOptimizer))
    }

    /// A generator and discriminator with 8 feature maps, latent 8, growing by 10 + 10 images, on a clock
    /// whose images shown the test sets.
    private func tinyNetworks() throws -> (ProGANGenerator, ProGANDiscriminator, Counter) {
        let shape = ProGANShape(latentSize: 8, imageChannels: 1, imageSize: 28, fmapBase: 32, fmapMax: 8)
        let clock = GrowthClock(schedule: try GrowthSchedule(finalResolution: 32, trainingImages: 10, transitionImages: 10))
        let images = Counter()
        clock.follow { images.value }
        let generator = ProGANGenerator(shape: shape, clock: clock), discriminator = ProGANDiscriminator(shape: shape, clock: clock)
        reinitialize(generator, seed: 1)
        reinitialize(discriminator, seed: 2)
        return (generator, discriminator, images)
    }
}

/// A number a test changes.
private final class Counter {
    var value = 0
}

private func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    a.count == b.count ? zip(a, b).map { abs($0 - $1) }.max() ?? 0 : .infinity
}

/// One case of progan_fade_in.json: the blend's two inputs, α, the output, the output weights `w` and
/// the gradients of sum(output · w) for each input.
private struct FadeInCase: Decodable {
    struct Values: Decodable {
        let name: String
        let shape: [Int]
        let values: [Float]
        var tensor: Tensor { Tensor(values, shape: shape) }
    }

    let name: String
    let op: String
    let args: [String: Float]
    let inputs: [Values]
    let output: Values
    let w: Values
    let gradients: [Values]

    static let all: [FadeInCase] = {
        struct File: Decodable { let cases: [FadeInCase] }
        do {
            guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                preconditionFailure("the Fixtures resource folder is missing from the test bundle")
            }
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: folder.appendingPathComponent("progan_fade_in.json"))).cases
        } catch {
            preconditionFailure("cannot read progan_fade_in.json: \(error)")
        }
    }()
}
