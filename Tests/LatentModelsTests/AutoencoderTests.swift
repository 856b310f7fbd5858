import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

// The autoencoder and VAE families: they learn a fixed batch, evaluate deterministically, and denoise as documented.

@Suite struct AutoencoderTests {
    private static let names = ["autoencoder", "conv-autoencoder", "denoising-autoencoder", "vae", "conv-vae"]

    private func model(_ name: String, options: [String: String] = [:]) throws -> any Trainable {
        // A generator of the test's own, which tests running in parallel cannot draw from.
        let configuration = RunConfiguration(model: name, dataset: "test", epochs: 1, batchSize: 16, seed: 11,
                                             learningRates: [:], options: options)
        return try withOwnGenerator(seed: 11) { try ModelCatalog.entry(named: name).makeModel(configuration) }
    }

    private func digits(_ count: Int = 16) -> Tensor {
        var generator = RandomGenerator(seed: 5)
        return Tensor.uniform([count, 1, 28, 28], low: 0, high: 1, generator: &generator).greater(0.7)
    }

    @Test(arguments: names) func lowersItsLossOnAFixedBatch(name: String) throws {
        let trainable = try model(name)
        let batch = digits()
        var noise = RandomGenerator(seed: 3)
        let first = trainable.step(real: batch, generator: &noise).losses["loss"]!
        var last = first
        for _ in 0..<25 { last = trainable.step(real: batch, generator: &noise).losses["loss"]! }
        #expect(last < first * 0.95, "\(name): \(first) → \(last)")
    }

    @Test func validationLossIsTheMeanPixelBCEOverTheData() throws {
        let autoencoder = try #require(try model("autoencoder") as? Autoencoder)
        let images = digits(24)
        let loader = try DataLoader(images, batchSize: 8)
        let expected = withoutGrad { binaryCrossEntropy(autoencoder.network.eval()(images), images).item }
        _ = autoencoder.network.train()
        let measured = try #require(autoencoder.evaluate(loader)["val_loss"])
        #expect(abs(measured - expected) <= 1e-5 * expected)
        #expect(autoencoder.network.training, "evaluation restores training mode")
    }

    @Test func vaeValidationLossIsRepeatableAndPerImage() throws {
        let vae = try #require(try model("vae") as? VAE)
        let images = digits(24)
        let first = vae.evaluate(try DataLoader(images, batchSize: 8))["val_loss"]!
        let again = vae.evaluate(try DataLoader(images, batchSize: 12))["val_loss"]!
        #expect(first == again || abs(first - again) < 1e-3 * first)
        // An untrained decoder gives probabilities near 0.5: about 784·ln 2 ≈ 543 nats per image, plus a small KL.
        #expect(first > 500 && first < 700, "\(first)")
    }

    @Test func denoisingCorruptsWithinTheUnitInterval() throws {
        let denoising = try #require(try model("denoising-autoencoder") as? Autoencoder)
        #expect(denoising.noiseFactor == 0.5)
        var generator = RandomGenerator(seed: 1)
        let clean = digits(4)
        let noisy = denoising.corrupted(clean, generator: &generator)
        #expect(noisy.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(zip(noisy.values, clean.values).filter { $0 != $1 }.count > clean.count / 4, "clamping keeps about half the pixels at 0 or 1")
        let plain = try #require(try model("conv-autoencoder") as? Autoencoder)
        #expect(plain.corrupted(clean, generator: &generator).values == clean.values)
    }

    @Test func reconstructionsAndSamplesHaveTheImageShape() throws {
        let vae = try #require(try model("conv-vae", options: ["latent_size": "2"]) as? VAE)
        #expect(vae.latentShape == [2])
        #expect(vae.generate(.zeros([3, 2])).shape == [3, 1, 28, 28])
        #expect(vae.reconstruct(digits(3)).shape == [3, 1, 28, 28])
        let autoencoder = try #require(try model("autoencoder") as? Autoencoder)
        #expect(autoencoder.reconstruct(digits(3)).shape == [3, 1, 28, 28])
        #expect(throws: TrainingError.self) { _ = try model("vae", options: ["latent_size": "0"]) }
    }
}
