import LatentModels
import LatentNN
import Testing

// The latent input a GAN draws each step, in the order its checkpoints depend on.

@Suite struct LatentPriorTests {
    @Test func gaussianPriorDrawsTheNoiseThenAClassPerSample() {
        var random = RandomGenerator(seed: 5), replay = RandomGenerator(seed: 5)
        let latent = GaussianPrior(latentShape: [3], classCount: 4).draw(count: 6, random: &random)
        let noise = Tensor.randn([6, 3], generator: &replay)
        let labels = (0..<6).map { _ in replay.nextInt(below: 4) }
        #expect(latent.noise.shape == [6, 3] && latent.noise.values == noise.values)
        #expect(latent.labels == labels)
        #expect(GaussianPrior(latentShape: [3]).draw(count: 2, random: &random).labels == nil)
    }

    @Test func gaussianPriorWithClassesLaysOutOneGridRowPerClass() throws {
        let z = Tensor((0..<10).map(Float.init), shape: [5, 2])
        let grid = try #require(GaussianPrior(latentShape: [2], classCount: 3).gridInput(z, columns: 4))
        #expect(grid.labels == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(grid.noise.shape == [12, 2])
        #expect(grid.noise.values == Array(repeating: Array(z.values[0..<8]), count: 3).flatMap { $0 })
        #expect(GaussianPrior(latentShape: [2]).gridInput(z, columns: 4) == nil)
    }

    @Test func aGameDrawsFromTheGivenPrior() {
        /// Every sample's noise is ones.
        struct Ones: LatentPrior {
            func draw(count: Int, random: inout RandomGenerator) -> Latent { Latent(noise: Tensor.ones([count, 2])) }
        }
        let generator = Sequential(Linear(2, 6), Tanh()), discriminator = Sequential(Linear(6, 1))
        let objective = NonSaturatingObjective()
        let game = AdversarialGame(
            generator: generator, generatorOptimizer: SGD(learningRate: 0), discriminator: discriminator,
            discriminatorOptimizer: SGD(learningRate: 0), prior: Ones(), sides: ImageSides(), objective: objective,
            discriminatorTerms: [DiscriminatorObjective(objective)], generatorTerms: [GeneratorObjective(objective)],
            latentShape: [2])
        var random = RandomGenerator(seed: 1)
        let real = Tensor.zeros([4, 6])
        let outcome = game.step(real: real, generator: &random)
        // With every fake made from ones, D(G(z)) is one value, and the mean probability is that value.
        let fake = withoutGrad { discriminator(generator(Tensor.ones([1, 2]))).sigmoid().item }
        #expect(abs(outcome.measurements["d_fake"]! - fake) < 1e-6)
    }
}
