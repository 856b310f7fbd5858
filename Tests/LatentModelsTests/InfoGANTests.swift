import Foundation
@testable import LatentModels
import LatentNN
import Testing

// InfoGAN: the prior's codes, the information loss against PyTorch, Q's gradients, options, a step's logs.

@Suite struct InfoGANTests {
    private func build(_ options: [String: String] = [:]) throws -> AdversarialGame<CodedSample> {
        var configuration = RunConfiguration(model: "infogan", dataset: "mnist", epochs: 1, batchSize: 8, seed: 1, learningRates: [:])
        configuration.options = options
        return try #require(try ModelCatalog.entry(named: "infogan").makeModel(configuration) as? AdversarialGame<CodedSample>)
    }

    @Test func priorDrawsOneHotCategoriesAndUniformCodesThatItReadsBack() {
        let prior = InfoGANPrior(noiseSize: 3, categorical: [4, 2], continuous: 2)
        #expect(prior.width == 11)
        var random = RandomGenerator(seed: 5)
        let latents = prior.noise(count: 400, random: &random)
        #expect(latents.shape == [400, 11])
        let codes = prior.codes(of: latents)
        let values = latents.values
        for sample in 0..<400 {
            let row = values[(sample * 11)..<((sample + 1) * 11)]
            let oneHot = Array(row.dropFirst(3).prefix(4)), second = Array(row.dropFirst(7).prefix(2))
            #expect(oneHot.filter { $0 == 1 }.count == 1 && oneHot.filter { $0 == 0 }.count == 3)
            #expect(oneHot[codes.categorical[0][sample]] == 1 && second[codes.categorical[1][sample]] == 1)
            #expect(row.suffix(2).allSatisfy { $0 > -1 && $0 < 1 })
        }
        // Each of the 4 values is drawn about 100 times.
        for value in 0..<4 { #expect((70...130).contains(codes.categorical[0].filter { $0 == value }.count)) }
        #expect(codes.continuous?.values == latents.slice(axis: 1, range: 9..<11).values)
    }

    @Test func gridHasARowPerCategoryThenSweepsOfEachContinuousCode() throws {
        let prior = InfoGANPrior(noiseSize: 2, categorical: [3], continuous: 2)
        var random = RandomGenerator(seed: 1)
        let z = prior.noise(count: 8, random: &random)
        let grid = try #require(prior.gridLatents(z, columns: 5))
        #expect(grid.shape == [3 * 5 + 2 * 3 * 5, 7])
        let codes = prior.codes(of: grid), rows = grid.values, fixed = z.values
        for index in 0..<45 {
            let row = index / 5, column = index % 5
            let noise = Array(rows[(index * 7)..<(index * 7 + 2)])
            let continuous = Array(rows[(index * 7 + 5)..<(index * 7 + 7)])
            if row < 3 {
                // Category rows: noise j in column j, continuous codes 0.
                #expect(codes.categorical[0][index] == row && noise == Array(fixed[(column * 7)..<(column * 7 + 2)]))
                #expect(continuous == [0, 0])
            } else {
                // Sweeps: code (row − 3) / 3 from −2 to 2 across the columns, the row's category and noise fixed.
                let code = (row - 3) / 3, category = (row - 3) % 3
                #expect(codes.categorical[0][index] == category && noise == Array(fixed[(category * 7)..<(category * 7 + 2)]))
                #expect(continuous[code] == -2 + Float(column) && continuous[1 - code] == 0)
            }
        }
        #expect(InfoGANPrior(noiseSize: 2, categorical: [], continuous: 1).gridLatents(z.slice(axis: 1, range: 0..<3), columns: 4)?.shape == [4, 3])
    }

    @Test func informationLossMatchesPyTorch() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("infogan.json")
        let fixture = try JSONDecoder().decode(InfoGANFixture.self, from: Data(contentsOf: url))
        let prior = InfoGANPrior(noiseSize: 3, categorical: [3, 2], continuous: 2)
        let generator = Sequential(Linear(prior.width, 8), Tanh())
        let discriminator = InfoGANDiscriminator(
            trunk: Sequential(Linear(8, 6), LeakyReLU(negativeSlope: 0.2)), featureSize: 6, prior: prior, qHiddenSize: 4,
            learnsStandardDeviation: true)
        try generator.loadStateDict(Dictionary(uniqueKeysWithValues: fixture.generator.map { ($0.name, $0.tensor) }))
        try discriminator.loadStateDict(Dictionary(uniqueKeysWithValues: fixture.discriminator.map { ($0.name, $0.tensor) }), strict: false)
        let latents = fixture.latents.tensor, codes = prior.codes(of: latents)
        let term = InformationLoss(prior: prior, categoricalWeight: 1, continuousWeight: 0.5, key: "loss_g_info", logsBounds: true)
        func verdict(_ images: Tensor) -> Verdict<CodedSample> {
            Verdict(real: CodedSample(images: images, codes: nil), fake: CodedSample(images: images, codes: codes), discriminator: discriminator)
        }
        var random = RandomGenerator(seed: 1)
        let (gLoss, gGradients) = valueAndGrad(of: generator) { term.loss(verdict($0(latents)), random: &random) }
        expectClose(gLoss.item, fixture.loss, "information loss")
        for expected in fixture.gGradients { expectClose(try #require(gGradients[expected.name]), expected, "G: " + expected.name) }

        let parts = withoutGrad { term.parts(verdict(generator(latents))) }
        expectClose(try #require(parts.categorical).item, fixture.categorical, "categorical cross-entropy")
        expectClose(try #require(parts.continuous).item, fixture.continuous, "Gaussian NLL")
        let logged = withoutGrad { term.lossAndMeasurements(verdict(generator(latents)), random: &random).1 }
        expectClose(try #require(logged["mi_categorical"]), Float(log(3.0) + log(2.0)) - fixture.categorical, "mi_categorical")
        expectClose(try #require(logged["mi_continuous"]), 2 * Float(log(2.0)) - fixture.continuous, "mi_continuous")

        try discriminator.loadStateDict(Dictionary(uniqueKeysWithValues: fixture.discriminator.map { ($0.name, $0.tensor) }), strict: false)
        let images = withoutGrad { generator(latents) }
        let (_, dGradients) = valueAndGrad(of: discriminator) { _ in term.loss(verdict(images), random: &random) }
        for expected in fixture.dGradients { expectClose(try #require(dGradients[expected.name]), expected, "D: " + expected.name) }
        #expect(dGradients["score.weight"].map { $0.values.allSatisfy { $0 == 0 } } ?? true)
    }

    @Test func fixedStandardDeviationGivesTheHandComputedNegativeLogLikelihood() {
        // Codes ±0.5 guessed as 0 with σ = 1: ½·0.25 + ½·log 2π per code.
        let value = gaussianNegativeLogLikelihood(Tensor([0.5, -0.5], shape: [2, 1]), mean: .zeros([2, 1]), logStd: .zeros([2, 1]))
        #expect(abs(value.item - Float(0.125 + 0.5 * log(2 * Double.pi))) < 1e-6)
        // log σ = log 2 with the code 1 away: log 2 + ½ log 2π + 1/8.
        let wide = gaussianNegativeLogLikelihood(Tensor([1], shape: [1, 1]), mean: .zeros([1, 1]), logStd: Tensor([Float(log(2.0))], shape: [1, 1]))
        #expect(abs(wide.item - Float(log(2.0) + 0.5 * log(2 * Double.pi) + 0.125)) < 1e-6)
    }

    @Test func qGradientsReachTheGeneratorAndTheSharedTrunkButNotTheScore() throws {
        let game = try build(["learned_std": "true"])
        let discriminator = try #require(game.discriminator as? InfoGANDiscriminator)
        let keys = Set(discriminator.stateDict().map(\.0))
        #expect(["trunk.0.weight", "score.weight", "q.0.weight", "q.1.running_mean", "q.3.weight", "q.3.bias"].allSatisfy(keys.contains))
        let output = try #require(discriminator.stateDict().first { $0.0 == "q.3.weight" })
        #expect(output.1.shape == [10 + 2 * 2, 128])
        var random = RandomGenerator(seed: 3)
        let latent = game.prior.draw(count: 4, random: &random)
        let real = Tensor.uniform([4, 1, 28, 28], low: -1, high: 1, generator: &random)
        let generatorTerm = try #require(game.generatorTerms.last), discriminatorTerm = try #require(game.discriminatorTerms.last)
        #expect(generatorTerm.key == "loss_g_info" && discriminatorTerm.key == "loss_d_info")
        let (_, gGradients) = valueAndGrad(of: game.generator) { generator in
            let fake = game.sides.fake(generator(latent), from: latent)
            return generatorTerm.loss(Verdict(real: game.sides.real(real, labels: nil), fake: fake, discriminator: discriminator), random: &random)
        }
        #expect(gGradients.count == game.generator.namedParameters().count)
        for (name, gradient) in gGradients {
            #expect(gradient.values.contains { $0 != 0 }, "G's \(name) gets no gradient from Q")
        }
        let fake = game.sides.fake(withoutGrad { game.generator(latent) }, from: latent)
        let (_, dGradients) = valueAndGrad(of: discriminator) { _ in
            discriminatorTerm.loss(Verdict(real: game.sides.real(real, labels: nil), fake: fake, discriminator: discriminator), random: &random)
        }
        for name in ["trunk.0.weight", "trunk.2.weight", "trunk.6.weight", "q.0.weight", "q.3.weight"] {
            let gradient = try #require(dGradients[name])
            #expect(gradient.values.contains { $0 != 0 }, "D's \(name) gets no gradient from Q")
        }
        let scoreGradient = try #require(dGradients["score.weight"])
        #expect(scoreGradient.values.allSatisfy { $0 == 0 })
    }

    @Test func aStepLogsTheInformationLossesAndTheMutualInformationBounds() throws {
        let game = try build()
        var random = RandomGenerator(seed: 4)
        let real = Tensor.uniform([8, 1, 28, 28], low: -1, high: 1, generator: &random)
        let outcome = game.step(real: real, generator: &random)
        for key in ["loss_d", "loss_g", "loss_d_info", "loss_g_info"] {
            #expect(outcome.losses[key].map(\.isFinite) == true, "\(key) missing or not finite")
        }
        for key in ["mi_categorical", "mi_continuous"] {
            #expect(outcome.measurements[key].map(\.isFinite) == true, "\(key) missing or not finite")
        }
        let bound = try #require(outcome.measurements["mi_categorical"])
        #expect(bound <= Float(log(10.0)))
        #expect(game.representations.map(\.name) == ["discriminator", "q_categorical", "q_features"])
        let logits = try #require(game.representations.first { $0.name == "q_categorical" })
        #expect(logits.kind == .clusterLogits && logits(real).shape == [8, 10])
        let trunk = try #require(game.representations.first { $0.name == "discriminator" })
        #expect(trunk(real).shape == [8, 1024])
        #expect(game.noise(count: 3, generator: &random).shape == [3, 74])
    }

    @Test(arguments: [
        (["categorical": "0"], "option categorical is \"0\""), (["categorical": "1"], "option categorical is \"1\""),
        (["categorical": "10,,10"], "option categorical is \"10,,10\""), (["categorical": "ten"], "option categorical is \"ten\""),
        (["categorical": "10000000000"], "2...1000"), (["continuous": "-1"], "option continuous is \"-1\""),
        (["continuous": "1000000"], "option continuous is \"1000000\""), (["noise_size": "99999999"], "option noise_size is \"99999999\""),
        (["categorical": "none", "continuous": "0"], "leave no codes"), (["lambda_categorical": "nan"], "option lambda_categorical"),
        (["learned_std": "yes"], "option learned_std is \"yes\""),
    ])
    func badOptionsAreRefusedWithTheirValue(options: [String: String], message: String) {
        let error = #expect(throws: TrainingError.self) { try build(options) }
        #expect(error.map { "\($0)".contains(message) } == true, "\(String(describing: error)) does not say \(message)")
    }

    @Test func severalCategoricalCodesAndNoneAreAccepted() throws {
        let two = try build(["categorical": "10,5", "continuous": "0"])
        #expect(two.latentShape == [62 + 15])
        let none = try build(["categorical": "none", "continuous": "3", "noise_size": "10"])
        #expect(none.latentShape == [13] && none.representations.map(\.name) == ["discriminator", "q_features"])
    }
}

/// Fixtures/infogan.json, written by Scripts/make_infogan_fixtures.py.
private struct InfoGANFixture: Decodable {
    let generator: [StoredTensor]
    let discriminator: [StoredTensor]
    let latents: StoredTensor
    let categorical: Float
    let continuous: Float
    let loss: Float
    let gGradients: [StoredTensor]
    let dGradients: [StoredTensor]
}
