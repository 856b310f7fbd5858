import LatentModels
import LatentNN
import Testing

// The anomaly scores each model offers, against what they are defined to be.

private func model(_ name: String) throws -> any Trainable {
    let entry = try ModelCatalog.entry(named: name)
    return try entry.makeModel(RunConfiguration(model: entry.name, dataset: "test", epochs: 1, batchSize: 4, seed: 1, learningRates: [:]))
}

private func images(_ count: Int) -> Tensor {
    var generator = RandomGenerator(seed: 9)
    return Tensor.uniform([count, 1, 28, 28], low: 0, high: 1, generator: &generator)
}

@Test func autoencoderScoresTheReconstructionsSummedBinaryCrossEntropy() throws {
    let autoencoder = try #require(try model("autoencoder") as? Autoencoder)
    #expect(autoencoder.anomalyScores.map(\.name) == ["reconstruction"])
    let x = images(3)
    let scores = autoencoder.anomalyScores[0](x)
    #expect(scores.shape == [3])
    for i in 0..<3 {
        let image = x.slice(axis: 0, range: i..<(i + 1))
        let expected = binaryCrossEntropy(autoencoder.reconstruct(image).reshaped(image.shape), image, reduction: .sum).item
        #expect(abs(scores.values[i] - expected) <= 1e-4 * abs(expected))
    }
}

@Test func vaeELBOScoreWithOneDrawIsTheLossItMinimizes() throws {
    let vae = try #require(try model("vae") as? VAE)
    #expect(vae.anomalyScores.map(\.name) == ["elbo", "reconstruction"])
    let x = images(4)
    // One draw from the evaluation noise seed (0x5eed_e7a1): the per-image scores sum to the loss with that noise.
    let perImage = vae.negativeELBO(x, samples: 1)
    var generator = RandomGenerator(seed: 0x5eed_e7a1)
    let loss = vae.inEvaluationMode { vae.model.loss(x, generator: &generator) }.item
    #expect(abs(perImage.sum().item - loss) <= 1e-4 * abs(loss))
    let scores = vae.anomalyScores[0](x)
    #expect(scores.shape == [4] && scores.values.allSatisfy(\.isFinite))
}

@Test func ganScoresMinusTheDiscriminatorsRealScore() throws {
    let gan = try #require(try model("dcgan") as? GAN)
    #expect(gan.anomalyScores.map(\.name) == ["discriminator"])
    var generator = RandomGenerator(seed: 4)
    let x = Tensor.uniform([2, 1, 28, 28], low: -1, high: 1, generator: &generator)
    let expected = gan.inEvaluationMode { gan.discriminator.heads(x).score }.values
    #expect(gan.anomalyScores[0](x).values == expected.map { -$0 })
}
