import Foundation
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

// StyleGAN: truncation, the tracked average w and style mixing against PyTorch (Fixtures/stylegan.json,
// written by Scripts/make_stylegan_fixtures.py), and the generator and catalog entry on tiny shapes.

private struct StyleLatentFixture: Decodable {
    struct Truncation: Decodable {
        let w: StoredTensor
        let wAvg: StoredTensor
        let psi: Float
        let output: StoredTensor
    }

    struct Tracking: Decodable {
        let w: StoredTensor
        let wAvg: StoredTensor
        let beta: Float
        let output: StoredTensor
    }

    struct Mixing: Decodable {
        let first: StoredTensor
        let second: StoredTensor
        let crossover: Int
        let layers: Int
        let output: StoredTensor
    }

    let truncation: Truncation
    let tracking: Tracking
    let mixing: Mixing

    static func load() throws -> Self {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("stylegan.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Self.self, from: Data(contentsOf: url))
    }
}

private func expectClose(_ actual: Tensor, _ expected: StoredTensor, _ context: String) {
    #expect(actual.shape == expected.shape, "\(context): shape")
    let worst = zip(actual.values, expected.values).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst < 1e-5, "\(context): largest difference \(worst)")
}

/// A tiny generator: 8×8 synthesis cut to 6×6, w of 4 values, two mapping layers, at most 4 channels.
private func tinyGenerator(_ modulation: StyleModulation, mixing: Float = 0.9) -> StyleGenerator {
    StyleGenerator(
        mapping: MappingNetwork(latentSize: 4, layerCount: 2),
        synthesis: SynthesisNetwork(resolution: 8, imageChannels: 1, styleSize: 4, maxChannels: 4, modulation: modulation),
        mixingProbability: mixing, outputSize: 6)
}

@Suite struct StyleGANTests {
    @Test func truncationMatchesPyTorch() throws {
        let fixture = try StyleLatentFixture.load().truncation
        let mapping = MappingNetwork(latentSize: 4, layerCount: 1)
        mapping.wAvg.assign(fixture.wAvg.tensor)
        expectClose(mapping.truncated(fixture.w.tensor, psi: fixture.psi), fixture.output, "truncation")
    }

    @Test func trackedAverageMatchesPyTorch() throws {
        let fixture = try StyleLatentFixture.load().tracking
        let mapping = MappingNetwork(latentSize: 4, layerCount: 1, averageDecay: fixture.beta)
        mapping.wAvg.assign(fixture.wAvg.tensor)
        mapping.updateAverage(with: fixture.w.tensor)
        expectClose(mapping.wAvg, fixture.output, "tracking")
    }

    @Test func styleMixingMatchesPyTorch() throws {
        let fixture = try StyleLatentFixture.load().mixing
        let styles = StyleMixing.mixed(fixture.first.tensor, fixture.second.tensor, crossover: fixture.crossover, count: fixture.layers)
        expectClose(Tensor.stacked(styles, axis: 1), fixture.output, "mixing")
    }

    @Test func onlyTrainingPassesMoveTheTrackedAverage() {
        let generator = tinyGenerator(.adain)
        var random = RandomGenerator(seed: 1)
        let z = Tensor.randn([3, 4], generator: &random)
        _ = generator.eval()
        _ = withoutGrad { generator(z) }
        #expect(generator.mapping.wAvg.values == [0, 0, 0, 0])
        let w = withoutGrad { generator.mapping(z) }
        _ = generator.train()
        _ = withoutGrad { generator.mapping(z) }
        let expected = w.mean(axis: 0) * (1 - generator.mapping.averageDecay)
        #expect(zip(generator.mapping.wAvg.values, expected.values).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(generator.namedBuffers().map(\.name).contains("mapping.w_avg"))
    }

    @Test(arguments: StyleModulation.allCases)
    func generatorMakesCroppedImagesAndTruncationZeroGivesTheAverageImage(modulation: StyleModulation) {
        let generator = tinyGenerator(modulation)
        #expect(generator.styleSides == [4, 4, 8, 8])
        generator.mapping.wAvg.assign(Tensor([0.5, -0.5, 1, 0], shape: [4]))
        _ = generator.eval()
        var random = RandomGenerator(seed: 2)
        let z = Tensor.randn([2, 4], generator: &random)
        #expect(withoutGrad { generator(z) }.shape == [2, 1, 6, 6])
        // Both samples' styles, and then the first sample's twice, with one draw of the noise maps: with ψ 0
        // every latent gives the average style, so the two batches are the same images.
        let (both, firstTwice) = withoutGrad { () -> (Tensor, Tensor) in
            let w = generator.styles(z, truncation: 0)
            let first = w.slice(axis: 0, range: 0..<1).expand(to: w.shape)
            var noise = RandomGenerator(seed: 3)
            let both = generator.synthesize(Array(repeating: w, count: generator.styleCount), random: &noise)
            noise = RandomGenerator(seed: 3)
            return (both, generator.synthesize(Array(repeating: first, count: generator.styleCount), random: &noise))
        }
        #expect(both.shape == [2, 1, 6, 6])
        #expect(both.values == firstTwice.values)
        let untruncated = withoutGrad { generator.styles(z, truncation: 1) }.values
        #expect(Array(untruncated[0..<4]) != Array(untruncated[4..<8]))
    }

    @Test func noiseInputsChangeTheImagesOnceTheirScalesAreLearned() {
        let generator = tinyGenerator(.demod)
        _ = generator.eval()
        var random = RandomGenerator(seed: 4)
        let w = withoutGrad { generator.styles(Tensor.randn([1, 4], generator: &random), truncation: 1) }
        let styles = Array(repeating: w, count: generator.styleCount)
        func render(seed: UInt64) -> [Float] {
            var noise = RandomGenerator(seed: seed)
            return withoutGrad { generator.synthesize(styles, random: &noise) }.values
        }
        #expect(render(seed: 5) == render(seed: 6))
        for parameter in generator.allParameters where parameter.name.hasSuffix("noise.weight") {
            parameter.tensor.assign(Tensor.full(parameter.tensor.shape, 0.5))
        }
        #expect(render(seed: 5) != render(seed: 6))
    }

    @Test func mixingDrawsASecondLatentInTrainingOnly() {
        let generator = tinyGenerator(.adain, mixing: 1)
        var random = RandomGenerator(seed: 7)
        let z = Tensor.randn([2, 4], generator: &random)
        // Each forward pass draws from a generator of its own that starts at the same seed.
        func forward() -> [Float] {
            withOwnGenerator(seed: 11) { withoutGrad { generator(z) }.values }
        }
        _ = generator.eval()
        let evaluated = forward()
        let again = forward()
        #expect(evaluated == again)
        _ = generator.train()
        let mixed = forward()
        #expect(mixed != evaluated)
    }

    @Test(arguments: StyleModulation.allCases)
    func catalogEntryTrainsAStepAndRestoresItsCheckpoint(modulation: StyleModulation) throws {
        var configuration = RunConfiguration(model: "stylegan", dataset: "mnist", epochs: 1, batchSize: 4, seed: 1, learningRates: [:])
        configuration.options = ["channels": "8", "latent_size": "8", "mapping_layers": "2", "modulation": modulation.rawValue]
        let entry = try ModelCatalog.entry(named: "stylegan")
        let gan = try #require(try entry.makeModel(configuration) as? GAN)
        #expect(gan.generatorAverage?.decay == 0.999)
        #expect(gan.options.regularizers.contains { $0.name == "r1" })
        var data = RandomGenerator(seed: 2), noise = RandomGenerator(seed: 3)
        let real = Tensor.uniform([4, 1, 28, 28], low: -1, high: 1, generator: &data)
        let outcome = gan.step(real: real, generator: &noise)
        #expect(outcome.losses["loss_d"]?.isFinite == true && outcome.losses["loss_g"]?.isFinite == true)
        let styles = try #require(gan.styleSampling)
        #expect(styles.styleCount == 8 && styles.latentSize == 8)
        #expect(gan.generate(gan.noise(count: 2, generator: &data)).shape == [2, 1, 28, 28])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stylegan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Checkpoint(step: 1, epoch: 0).save(to: directory, parts: gan.checkpointParts)
        let restored = try #require(try entry.makeModel(configuration) as? GAN)
        _ = try Checkpoint.load(from: directory, parts: restored.checkpointParts)
        let average = { (game: GAN) in game.generatorAverage?.module.namedBuffers().first { $0.name == "mapping.w_avg" }?.tensor.values }
        #expect(average(restored) == average(gan) && average(gan)?.contains { $0 != 0 } == true)
    }

    @Test func plainGeneratorsHaveNoStyles() throws {
        let configuration = RunConfiguration(model: "dcgan", dataset: "mnist", epochs: 1, batchSize: 4, seed: 1, learningRates: [:])
        let gan = try #require(try ModelCatalog.entry(named: "dcgan").makeModel(configuration) as? GAN)
        #expect(gan.styleSampling == nil)
    }
}
