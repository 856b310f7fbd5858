import LatentModels
import LatentNN
import Testing

// pix2pix from the catalog: a step on pairs trains both players with the cGAN and L1 terms (or L1 alone), and the
// model translates a batch's sources for its grids.

@Suite struct Pix2PixTests {
    private func game(_ options: [String: String]) throws -> AdversarialGame<ImagePair> {
        var configuration = RunConfiguration(model: "pix2pix", dataset: "mnist-edges", epochs: 1, batchSize: 2, seed: 1, learningRates: [:])
        configuration.options = ["ngf": "2", "ndf": "2"].merging(options) { _, given in given }
        return try #require(try ModelCatalog.entry(named: "pix2pix").makeModel(configuration) as? AdversarialGame<ImagePair>)
    }

    @Test func aStepMinimizesTheCGANAndL1TermsAndTranslatesSources() throws {
        let game = try game(["lambda_l1": "10"])
        var random = RandomGenerator(seed: 4)
        let pairs = Tensor.uniform([2, 2, 32, 32], low: -1, high: 1, generator: &random)
        let grids = game.translationGrids(pairs)
        #expect(grids.map(\.name) == ["translations"] && grids[0].rows.count == 3)
        let (sources, targets) = (grids[0].rows[0], grids[0].rows[2])
        #expect(sources.values == pairs.slice(axis: 1, range: 0..<1).values && targets.values == pairs.slice(axis: 1, range: 1..<2).values)
        #expect(grids[0].rows[1].shape == [2, 1, 32, 32])
        let l1 = withoutGrad { (game.generator(Latent(noise: sources)) - targets).abs().mean().item } * 10
        let outcome = game.step(real: pairs, labels: [], generator: &random)
        // The dropout noise makes the step's translations differ from these, so the logged L1 is near, not equal.
        #expect(abs(outcome.losses["loss_g_l1"]! - l1) < 0.5 * l1)
        #expect(outcome.losses["loss_g"]! > outcome.losses["loss_g_l1"]!)
        #expect(outcome.losses["loss_d"]!.isFinite)
    }

    @Test func l1OnlyTrainsTheGeneratorOnTheL1TermAlone() throws {
        let game = try game(["l1_only": "true", "dropout": "false", "norm": "instance"])
        var random = RandomGenerator(seed: 5)
        let pairs = Tensor.uniform([2, 2, 32, 32], low: -1, high: 1, generator: &random)
        let outcome = game.step(real: pairs, labels: [], generator: &random)
        #expect(outcome.losses["loss_g"] == outcome.losses["loss_g_l1"])
        #expect(outcome.losses["loss_g_l1"]! > 0)
    }

    @Test func pairL1LossIsTheWeightedMeanAbsoluteDifference() {
        let sources = Tensor.zeros([1, 1, 1, 2])
        let real = ImagePair(sources: sources, images: Tensor([0, 1], shape: [1, 1, 1, 2]))
        let fake = ImagePair(sources: sources, images: Tensor([1, -1], shape: [1, 1, 1, 2]))
        let verdict = Verdict(real: real, fake: fake, discriminator: PairDiscriminator(Sequential(Conv2d(2, 1, kernelSize: 1))))
        var random = RandomGenerator(seed: 0)
        #expect(PairL1Loss(weight: 100).loss(verdict, random: &random).item == 150)
    }

    @Test func badOptionsAreRefusedByName() {
        #expect(throws: (any Error).self) { try game(["norm": "layer"]) }
        #expect(throws: (any Error).self) { try game(["n_layers": "9"]) }
    }
}
