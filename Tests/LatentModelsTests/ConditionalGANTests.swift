import Foundation
import LatentModels
import LatentNN
import Testing

// The label-conditioned GANs: cgan (label map or projection discriminator) and acgan.

@Suite struct ConditionalGANTests {
    private func configuration(_ name: String, options: [String: String] = [:]) -> RunConfiguration {
        var configuration = RunConfiguration(model: name, dataset: "mnist", epochs: 1, batchSize: 16, seed: 1, learningRates: [:])
        configuration.options = options
        return configuration
    }

    private func build(_ name: String, options: [String: String] = [:]) throws -> AdversarialGame<LabelledImages> {
        try #require(try ModelCatalog.entry(named: name).makeModel(configuration(name, options: options)) as? AdversarialGame<LabelledImages>)
    }

    /// The discriminator's loss, the sum of its terms, on `real` and `fake` as they are.
    private func discriminatorLoss(_ gan: AdversarialGame<LabelledImages>, real: LabelledImages, fake: LabelledImages) -> Tensor {
        let verdict = Verdict(real: real, fake: fake, discriminator: gan.discriminator)
        var random = RandomGenerator(seed: 1)
        return gan.discriminatorTerms.map { $0.loss(verdict, random: &random) }.reduce(Tensor.zeros([]), +)
    }

    private static let variants: [(String, [String: String])] = [
        ("cgan", [:]), ("cgan", ["projection": "true"]), ("cgan", ["projection": "true", "spectral_norm": "true"]), ("acgan", [:]),
    ]

    @Test(arguments: 0..<variants.count)
    func discriminatorLossFallsOnAFixedBatch(variant: Int) throws {
        let (name, options) = Self.variants[variant]
        let gan = try build(name, options: options)
        #expect(gan.classCount == 10)
        gan.generatorOptimizer.learningRate = 0
        var data = RandomGenerator(seed: 2), noise = RandomGenerator(seed: 3)
        let real = Tensor.uniform([16, 1, 28, 28], low: -1, high: 1, generator: &data)
        let labels = (0..<16).map { ($0 * 7) % 10 }, fakeLabels = (0..<16).map { ($0 * 3) % 10 }
        let fake = gan.generate(gan.noise(count: 16, generator: &data), labels: fakeLabels)
        func fixedLoss() -> Float {
            withoutGrad {
                discriminatorLoss(gan, real: LabelledImages(images: real, labels: labels), fake: LabelledImages(images: fake, labels: fakeLabels)).item
            }
        }
        let before = fixedLoss()
        for _ in 0..<5 {
            let outcome = gan.step(real: real, labels: labels, generator: &noise)
            #expect(outcome.losses.values.allSatisfy { $0.isFinite }, "\(name) \(options)")
            #expect((outcome.losses["loss_d_class"] != nil) == (name == "acgan") && (outcome.losses["loss_g_class"] != nil) == (name == "acgan"))
        }
        let after = fixedLoss()
        #expect(after < before, "\(name) \(options): D loss \(before) → \(after)")
    }

    @Test func generatorFollowsTheLabelAndTheDefaultCallCyclesThroughTheClasses() throws {
        let gan = try build("cgan")
        for (_, module) in gan.modules { _ = module.eval() }
        var random = RandomGenerator(seed: 5)
        let z = gan.noise(count: 2, generator: &random)
        let sevens = gan.generate(z, labels: [7, 7]), twos = gan.generate(z, labels: [2, 2])
        #expect(sevens.shape == [2, 1, 28, 28] && sevens.values != twos.values)
        #expect(gan.generate(z).values == gan.generate(z, labels: [0, 1]).values)
        let real = Tensor.zeros([2, 1, 28, 28])
        #expect(gan.discriminate(real: real, labels: [3, 3]).values != gan.discriminate(real: real, labels: [4, 4]).values)
    }

    @Test(arguments: 0..<variants.count)
    func checkpointRestoresEveryPartWithPyTorchNames(variant: Int) throws {
        let (name, options) = Self.variants[variant]
        let trained = try build(name, options: options)
        var data = RandomGenerator(seed: 2), noise = RandomGenerator(seed: 3)
        let real = Tensor.uniform([8, 1, 28, 28], low: -1, high: 1, generator: &data)
        for _ in 0..<2 { _ = trained.step(real: real, labels: [0, 1, 2, 3, 4, 5, 6, 7], generator: &noise) }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Checkpoint(step: 2, epoch: 0).save(to: directory, parts: trained.checkpointParts)

        let restored = try build(name, options: options)
        _ = try Checkpoint.load(from: directory, parts: restored.checkpointParts)
        #expect(bits(restored.generator) == bits(trained.generator))
        #expect(bits(restored.discriminator) == bits(trained.discriminator))
        #expect(bits(restored.generatorOptimizer) == bits(trained.generatorOptimizer))
        let generatorKeys = Set(restored.generator.stateDict().map(\.0))
        #expect(generatorKeys.contains("label_embedding.weight") && generatorKeys.contains("main.0.weight"))
        let discriminatorKeys = Set(restored.discriminator.stateDict().map(\.0))
        if name == "acgan" {
            #expect(discriminatorKeys.isSuperset(of: ["features.0.weight", "source.weight", "classifier.weight", "classifier.bias"]))
        } else {
            #expect(discriminatorKeys.contains("label_embedding.weight") && discriminatorKeys.contains { $0.hasPrefix("features.0.weight") })
            #expect(discriminatorKeys.contains(options["spectral_norm"] == "true" ? "output.weight_orig" : "output.weight"))
        }
    }

    @Test(arguments: ["cgan", "acgan"])
    func featureMatchingReadsTheConditionalDiscriminatorsFeatures(name: String) throws {
        let gan = try build(name, options: ["feature_matching": "true"])
        #expect(gan.generatorTerms.first is FeatureMatching<LabelledImages>)
        let images = Tensor.zeros([4, 1, 28, 28])
        #expect(gan.discriminator.features(LabelledImages(images: images, labels: [0, 1, 2, 3])).shape == [4, ConditionalDiscriminator.featureSize])
        var noise = RandomGenerator(seed: 3)
        let before = bits(gan.generator)
        let outcome = gan.step(real: images, labels: [0, 1, 2, 3], generator: &noise)
        #expect(outcome.losses["loss_g"]?.isFinite == true && bits(gan.generator) != before)
    }

    /// φ is made constant by zero convolution weights: 0.5 on the first 64 channels (3,136 features) and
    /// leaky-ReLU(−0.5) = −0.1 on the other 64. With output weights 0.01 and bias 0.25 the linear part is
    /// 0.01 · 3136 · (0.5 − 0.1) + 0.25 = 12.794; class 0's embedding (all 0.001) adds 1.2544, class 1's
    /// (0.002 on the first half, 0.01 on the second) adds 3.136 − 3.136 = 0.
    @Test func projectionDiscriminatorAddsTheInnerProductOfTheLabelEmbeddingAndTheFeatures() throws {
        let d = ConditionalDiscriminator(classCount: 2, projection: true, batchNorm: false)
        let first = try #require(d.features[0] as? Conv2d), second = try #require(d.features[2] as? Conv2d)
        Init.zeros(first.weight)
        first.bias!.withMutableValues { $0.update(repeating: 1) }
        Init.zeros(second.weight)
        second.bias!.withMutableValues { bias in for channel in bias.indices { bias[channel] = channel < 64 ? 0.5 : -0.5 } }
        let output = try #require(d.output as? Linear)
        output.weight.withMutableValues { $0.update(repeating: 0.01) }
        output.bias!.withMutableValues { $0.update(repeating: 0.25) }
        let half = ConditionalDiscriminator.featureSize / 2
        d.labelEmbedding.weight.withMutableValues { rows in
            for i in 0..<(2 * half) {
                rows[i] = 0.001
                rows[2 * half + i] = i < half ? 0.002 : 0.01
            }
        }
        var random = RandomGenerator(seed: 1)
        let scores = d(Tensor.randn([3, 1, 28, 28], generator: &random), labels: [0, 1, 0])
        #expect(scores.shape == [3, 1])
        for (score, expected) in zip(scores.values, [Float(14.0484), 12.794, 14.0484]) {
            #expect(abs(score - expected) < 1e-3, "\(score), expected \(expected)")
        }
    }

    @Test func acganLossesMatchPyTorch() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("acgan.json")
        let fixture = try JSONDecoder().decode(ACGANFixture.self, from: Data(contentsOf: url))
        let gan = try build("acgan", options: ["d_fake_class_loss": "true"])
        let inputs = Dictionary(uniqueKeysWithValues: fixture.inputs.map { ($0.name, $0.tensor.requiringGrad()) })
        let real = LabelledImages(images: Tensor.zeros([fixture.realLabels.count, 1]), labels: fixture.realLabels)
        let fake = LabelledImages(images: Tensor.zeros([fixture.fakeLabels.count, 1]), labels: fixture.fakeLabels)
        let heads = GivenHeads(real: real.images, [
            Heads(score: inputs["real_source"]!, [.classLogits: inputs["real_class"]!]),
            Heads(score: inputs["fake_source"]!, [.classLogits: inputs["fake_class"]!]),
        ])
        /// The sum of `terms` on the fixture's heads, and the value of the one logged as `key`.
        func loss(_ terms: [any Term<LabelledImages>], key: String) throws -> (Tensor, Float) {
            let verdict = Verdict(real: real, fake: fake, discriminator: heads)
            var random = RandomGenerator(seed: 1), logged: Float?
            let values = terms.map { term in
                let value = term.loss(verdict, random: &random)
                if term.key == key { logged = value.item }
                return value
            }
            return (values.dropFirst().reduce(values[0], +), try #require(logged))
        }

        let (dLoss, dClassLoss) = try loss(gan.discriminatorTerms, key: "loss_d_class")
        expectClose(dLoss.item, fixture.dLoss, "D loss")
        expectClose(dClassLoss, fixture.dClassLoss, "D class loss")
        let dGradients = gradients(of: dLoss, withRespectTo: ["real_source", "fake_source", "real_class", "fake_class"].map { inputs[$0]! })
        for (gradient, expected) in zip(dGradients, fixture.dGradients) { expectClose(gradient, expected, expected.name) }

        let (gLoss, gClassLoss) = try loss(gan.generatorTerms, key: "loss_g_class")
        expectClose(gLoss.item, fixture.gLoss, "G loss")
        expectClose(gClassLoss, fixture.gClassLoss, "G class loss")
        let gGradients = gradients(of: gLoss, withRespectTo: [inputs["fake_source"]!, inputs["fake_class"]!])
        for (gradient, expected) in zip(gGradients, fixture.gGradients) { expectClose(gradient, expected, expected.name) }

        let (realOnlyLoss, realClassLoss) = try withoutGrad { try loss(try build("acgan").discriminatorTerms, key: "loss_d_class") }
        expectClose(realClassLoss, fixture.dRealClassLoss, "D class loss on real labels only")
        expectClose(realOnlyLoss.item, fixture.dLoss - fixture.dClassLoss + fixture.dRealClassLoss, "D loss on real labels only")
    }
}

/// A discriminator that returns given heads: the first for the real images, the second for any other.
private final class GivenHeads: Module, Discriminating {
    private let realImages: Tensor
    private let given: [Heads]

    init(real: Tensor, _ given: [Heads]) {
        realImages = real
        self.given = given
    }

    func heads(_ sample: LabelledImages) -> Heads { sample.images === realImages ? given[0] : given[1] }

    func features(_ sample: LabelledImages) -> Tensor { sample.images }
}

/// Fixtures/acgan.json, written by Scripts/make_acgan_fixtures.py.
private struct ACGANFixture: Decodable {
    let inputs: [StoredTensor]
    let realLabels: [Int]
    let fakeLabels: [Int]
    let dLoss: Float
    let dClassLoss: Float
    let dRealClassLoss: Float
    let dGradients: [StoredTensor]
    let gLoss: Float
    let gClassLoss: Float
    let gGradients: [StoredTensor]
}
