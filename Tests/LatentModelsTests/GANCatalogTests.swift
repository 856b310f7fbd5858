import Foundation
import LatentModels
import LatentNN
import Testing

// Every GAN of the catalog trains its discriminator, and saves and restores every part.

@Suite struct GANCatalogTests {
    private func configuration(_ name: String, options: [String: String] = [:]) -> RunConfiguration {
        var configuration = RunConfiguration(model: name, dataset: "test", epochs: 1, batchSize: 16, seed: 1, learningRates: [:])
        configuration.options = options
        return configuration
    }

    @Test(arguments: ["gan", "dcgan", "wgan", "wgan-gp", "lsgan", "sngan", "rgan", "gan-2d", "gan-2d-wgan-gp"])
    func discriminatorLossFallsOnAFixedBatch(name: String) throws {
        let entry = try ModelCatalog.entry(named: name)
        let gan = try #require(try entry.makeModel(configuration(name)) as? GAN)
        // The generator stands still, so that its samples keep one distribution while D learns it.
        gan.generatorOptimizer.learningRate = 0
        var data = RandomGenerator(seed: 2), noise = RandomGenerator(seed: 3)
        let real = Tensor.uniform([16] + entry.sampleShape, low: -1, high: 1, generator: &data)
        let fake = withoutGrad { gan.generator(gan.noise(count: 16, generator: &data)) }
        let realBatch = real.reshaped(fake.shape)
        func fixedLoss() -> Float {
            withoutGrad { gan.objective.discriminatorLoss(real: gan.discriminator.heads(realBatch).score, fake: gan.discriminator.heads(fake).score).item }
        }
        // Measured from after the first update, which clips the WGAN critic's initial weights to ±0.01.
        _ = gan.step(real: real, generator: &noise)
        let before = fixedLoss()
        for _ in 0..<5 {
            let outcome = gan.step(real: real, generator: &noise)
            #expect(outcome.losses.values.allSatisfy { $0.isFinite }, "\(name)")
        }
        let after = fixedLoss()
        #expect(after < before, "\(name): D loss \(before) → \(after)")
    }

    @Test func everyGANEntryListsTheTricks() throws {
        for name in ["gan", "dcgan", "wgan", "wgan-gp", "lsgan", "sngan", "rgan", "gan-2d", "gan-2d-wgan-gp"] {
            let names = try ModelCatalog.entry(named: name).options.map(\.name)
            #expect(names.contains("n_critic") && names.contains("minibatch_stddev") && names.contains("diff_augment"), "\(name)")
        }
        #expect(try ModelCatalog.entry(named: "gan").options.contains { $0.name == "d_dropout" })
        #expect(try ModelCatalog.entry(named: "wgan").options.first { $0.name == "weight_clip" }?.defaultValue == "0.01")
        #expect(throws: TrainingError.self) { _ = try ModelCatalog.entry(named: "gan-2d").makeModel(configuration("gan-2d", options: ["diff_augment": "cutout"])) }
    }

    @Test func dcganTakesInfoGANsLearningRatesAndSamplesFromAnAverageAndItsKinKeepOneRate() throws {
        let dcgan = try ModelCatalog.entry(named: "dcgan")
        #expect(dcgan.defaultLearningRates == ["generator": 1e-3, "discriminator": 2e-4])
        #expect(dcgan.options.first { $0.name == "g_ema" }?.defaultValue == "0.999")
        let gan = try #require(try dcgan.makeModel(configuration("dcgan")) as? GAN)
        #expect(gan.generatorAverage?.decay == 0.999)
        #expect(try ModelCatalog.entry(named: "lsgan").options.first { $0.name == "g_ema" }?.defaultValue == "0")
        for name in ["lsgan", "sngan", "rgan"] {
            #expect(try ModelCatalog.entry(named: name).defaultLearningRates == ["generator": 2e-4, "discriminator": 2e-4], "\(name)")
        }
    }

    @Test func dropoutAndBatchComparisonOptionsChangeTheDiscriminator() throws {
        let entry = try ModelCatalog.entry(named: "gan")
        let gan = try #require(try entry.makeModel(configuration("gan", options: [
            "d_dropout": "0.3", "minibatch_discrimination": "8", "minibatch_stddev": "true", "diff_augment": "color,translation,cutout",
        ])) as? GAN)
        let layers = try #require(gan.discriminator as? Sequential)
        #expect((0..<layers.count).contains { layers[$0] is Dropout })
        #expect((0..<layers.count).contains { layers[$0] is MinibatchStdDev })
        #expect((0..<layers.count).contains { layers[$0] is MinibatchDiscrimination })
        var random = RandomGenerator(seed: 1)
        #expect(gan.step(real: Tensor.zeros([4, 1, 28, 28]), generator: &random).losses["loss_d"]!.isFinite)
    }

    @Test func checkpointRestoresTheAveragedGeneratorAndSpectralNormBuffers() throws {
        let settings = configuration("sngan", options: ["g_ema": "0.9"])
        let entry = try ModelCatalog.entry(named: "sngan")
        let trained = try #require(try entry.makeModel(settings) as? GAN)
        var data = RandomGenerator(seed: 2), noise = RandomGenerator(seed: 3)
        let real = Tensor.uniform([8, 1, 28, 28], low: -1, high: 1, generator: &data)
        for _ in 0..<2 { _ = trained.step(real: real, generator: &noise) }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Checkpoint(step: 2, epoch: 0).save(to: directory, parts: trained.checkpointParts)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("generator_ema.safetensors").path))

        let restored = try #require(try entry.makeModel(settings) as? GAN)
        _ = try Checkpoint.load(from: directory, parts: restored.checkpointParts)
        let average = try #require(restored.generatorAverage), original = try #require(trained.generatorAverage)
        #expect(bits(average.module) == bits(original.module))
        #expect(bits(average.module) != bits(trained.generator))
        #expect(bits(restored.discriminator) == bits(trained.discriminator))
        #expect(restored.discriminator.namedBuffers().contains { $0.name.hasSuffix("weight_u") })
        #expect(bits(restored.discriminatorOptimizer) == bits(trained.discriminatorOptimizer))
    }
}
