import LatentModels
import LatentNN
import Testing

// A translation GAN on the one game: the generator reads each batch's source images, the discriminator
// judges (source, partner) pairs.

@Suite struct TranslationGameTests {
    @Test func pairedSidesSplitTheBatchAndTheFakeSideKeepsTheSources() {
        var random = RandomGenerator(seed: 3)
        let batch = Tensor.randn([2, 3, 4, 5], generator: &random)
        let real = PairedSides(sourceChannels: 1).real(batch, labels: nil)
        #expect(real.sources.shape == [2, 1, 4, 5] && real.images.shape == [2, 2, 4, 5])
        #expect(real.stacked.values == batch.values)
        let latent = SourceImagePrior(sourceShape: [1, 4, 5]).draw(forBatch: batch, random: &random)
        #expect(latent.noise.values == batch.slice(axis: 1, range: 0..<1).values)
        let translated = Tensor.ones([2, 2, 4, 5])
        let fake = PairedSides(sourceChannels: 1).fake(translated, from: latent)
        #expect(fake.sources.values == real.sources.values && fake.images.values == translated.values)
    }

    @Test func aStepTranslatesTheBatchesSourcesAndTrainsBothPlayers() {
        let generator = Sequential(Conv2d(1, 1, kernelSize: (3, 3), padding: (1, 1)), Tanh())
        let discriminator = PairDiscriminator(Sequential(Conv2d(2, 4, kernelSize: (3, 3)), LeakyReLU(negativeSlope: 0.2), Conv2d(4, 1, kernelSize: (2, 2))))
        let objective = NonSaturatingObjective()
        let game = AdversarialGame(
            generator: generator, generatorOptimizer: SGD(learningRate: 0.1), discriminator: discriminator,
            discriminatorOptimizer: SGD(learningRate: 0.1), prior: SourceImagePrior(sourceShape: [1, 6, 6]),
            sides: PairedSides(sourceChannels: 1), objective: objective,
            discriminatorTerms: [DiscriminatorObjective(objective)], generatorTerms: [GeneratorObjective(objective)],
            latentShape: [1, 6, 6])
        var random = RandomGenerator(seed: 1)
        let batch = Tensor.randn([4, 2, 6, 6], generator: &random)
        let before = (generator.namedParameters().map { $0.tensor.values }, discriminator.namedParameters().map { $0.tensor.values })
        let outcome = game.step(real: batch, generator: &random)
        #expect(outcome.losses["loss_d"]!.isFinite && outcome.losses["loss_g"]!.isFinite)
        #expect(generator.namedParameters().map { $0.tensor.values } != before.0)
        #expect(discriminator.namedParameters().map { $0.tensor.values } != before.1)
        // The discriminator's features are read on the stacked pairs of a batch, not reshaped to the generator's samples.
        let features = game.representations[0].encode(batch, batchSize: 2)
        #expect(features.shape[0] == 4)
    }
}
