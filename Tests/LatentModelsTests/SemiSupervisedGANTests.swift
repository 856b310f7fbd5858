import LatentData
@testable import LatentModels
import LatentNN
import Testing

// The semi-supervised GAN's K+1 losses, feature matching and weight normalization against PyTorch
// (Fixtures/semigan.json), its networks, and the label budget.

struct SemiSupervisedGANTests {
    let fixture: SemiGANFixture

    init() throws {
        fixture = try SemiGANFixture.load()
    }

    /// A discriminator whose class logits are its input (no layers), to test the losses on given logits.
    private func logitDiscriminator() -> ClassLogitDiscriminator {
        ClassLogitDiscriminator(trunk: Sequential(Identity()), head: Sequential(Identity()))
    }

    @Test(arguments: ["ordinary", "large"])
    func kPlusOneLossesMatchPyTorch(name: String) throws {
        let reference = try #require(fixture.kPlusOne.first { $0.name == name })
        let labelled = reference.labelled.tensor.requiringGrad()
        let unlabelled = reference.unlabelled.tensor.requiringGrad()
        let fake = reference.fake.tensor.requiringGrad()
        let verdict = Verdict(real: unlabelled, fake: fake, discriminator: logitDiscriminator())
        var random = RandomGenerator(seed: 3)
        let supervised = LabelledClassLoss(images: labelled, labels: reference.labels, batchSize: reference.labels.count)
            .loss(verdict, random: &random)
        let real = UnlabelledRealLoss().loss(verdict, random: &random)
        let generated = GeneratedFakeLoss().loss(verdict, random: &random)
        expectClose(supervised.item, reference.lossLabelled, "\(name) labelled")
        expectClose(real.item, reference.lossUnlabelled, "\(name) unlabelled")
        expectClose(generated.item, reference.lossFake, "\(name) fake")
        expectClose(gradients(of: supervised, withRespectTo: [labelled])[0], reference.gradLabelled, "\(name) labelled gradient")
        expectClose(gradients(of: real, withRespectTo: [unlabelled])[0], reference.gradUnlabelled, "\(name) unlabelled gradient")
        expectClose(gradients(of: generated, withRespectTo: [fake])[0], reference.gradFake, "\(name) fake gradient")
        let probabilities = NonSaturatingObjective().probabilities(verdict.realHeads.score.detached())
        expectClose(probabilities.reshaped([-1]), reference.realProbabilities, "\(name) Z/(Z+1)")
    }

    @Test func multiLabelLossesMatchPyTorch() throws {
        let reference = fixture.multiLabel
        let labelled = reference.labelled.tensor.requiringGrad()
        let unlabelled = reference.unlabelled.tensor.requiringGrad()
        let fake = reference.fake.tensor.requiringGrad()
        // Logits as inputs: 3 attribute logits, then the real/fake logit.
        let discriminator = AttributeLogitDiscriminator(trunk: Sequential(Identity()), head: Sequential(Identity()), attributeCount: 3)
        let verdict = Verdict(real: unlabelled, fake: fake, discriminator: discriminator)
        var random = RandomGenerator(seed: 3)
        let supervised = LabelledAttributeLoss(images: labelled, attributes: reference.targets.tensor, batchSize: 5)
            .loss(verdict, random: &random)
        let real = UnlabelledRealLoss().loss(verdict, random: &random)
        let generated = GeneratedFakeLoss().loss(verdict, random: &random)
        expectClose(supervised.item, reference.lossLabelled, "labelled")
        expectClose(real.item, reference.lossUnlabelled, "unlabelled")
        expectClose(generated.item, reference.lossFake, "fake")
        // A whole random order of the 5 labelled rows: the same rows as PyTorch's batch, so the same gradient.
        expectClose(gradients(of: supervised, withRespectTo: [labelled])[0], reference.gradLabelled, "labelled gradient")
        expectClose(gradients(of: real, withRespectTo: [unlabelled])[0], reference.gradUnlabelled, "unlabelled gradient")
        expectClose(gradients(of: generated, withRespectTo: [fake])[0], reference.gradFake, "fake gradient")
        let heads = discriminator.heads(reference.labelled.tensor)
        #expect(heads.score.values == reference.labelled.tensor.slice(axis: 1, range: 3...).values)
        #expect(heads[.attributeLogits].shape == [5, 3])
    }

    @Test func labelledBatchesAreWholeRandomOrdersOfTheLabelledImagesCutAtTheBatchSize() {
        // Image i is the one-hot logit vector of class i % 3 scaled by 10 + i, so each drawn image can be told apart.
        let images = Tensor((0..<5).flatMap { i in (0..<3).map { $0 == i % 3 ? Float(10 + i) : 0 } }, shape: [5, 3])
        let term = LabelledClassLoss(images: images, labels: [0, 1, 2, 0, 1], batchSize: 7)
        var random = RandomGenerator(seed: 11), replay = RandomGenerator(seed: 11)
        let verdict = Verdict(real: images, fake: images, discriminator: logitDiscriminator())
        let loss = term.loss(verdict, random: &random)
        let chosen = Tensor.permutation(5, generator: &replay) + Array(Tensor.permutation(5, generator: &replay).prefix(2))
        let expected = crossEntropy(images.indexSelect(axis: 0, indices: chosen), labels: chosen.map { [0, 1, 2, 0, 1][$0] })
        #expect(loss.item == expected.item)
        #expect(random == replay)
    }

    @Test func featureMatchingOnTheTrunkMatchesPyTorch() throws {
        let layer = Linear(5, 4)
        try layer.loadStateDict(Dictionary(uniqueKeysWithValues: fixture.featureMatching.stateDict.map { ($0.name, $0.tensor) }))
        let discriminator = ClassLogitDiscriminator(trunk: Sequential(layer, ReLU()), head: Sequential(Linear(4, 3)))
        let fake = fixture.featureMatching.fake.tensor.requiringGrad()
        var random = RandomGenerator(seed: 1)
        let loss = FeatureMatching<Tensor>().loss(
            Verdict(real: fixture.featureMatching.real.tensor, fake: fake, discriminator: discriminator), random: &random)
        expectClose(loss.item, fixture.featureMatching.value, "feature matching")
        expectClose(gradients(of: loss, withRespectTo: [fake])[0], fixture.featureMatching.fakeGradient, "feature matching gradient")
    }

    @Test(arguments: [0, -1])
    func weightNormMatchesPyTorch(dimCode: Int) throws {
        let dim: Int? = dimCode < 0 ? nil : dimCode
        let reference = try #require(fixture.weightNorm.first { $0.dim == dim })
        let layer = WeightNorm(wrapping: Linear(5, 3), dim: dim)
        #expect(layer.stateDict().map(\.0) == reference.stateDict.map(\.name))
        #expect(layer.stateDict().map(\.1.shape) == reference.stateDict.map(\.shape))
        try layer.loadStateDict(Dictionary(uniqueKeysWithValues: reference.stateDict.map { ($0.name, $0.tensor) }))
        let x = reference.input.tensor.requiringGrad()
        let parameters = [layer.weightG, layer.weightV, try #require(layer.module.bias)]
        for parameter in parameters { parameter.requiresGrad = true }
        defer { for parameter in parameters { parameter.requiresGrad = false } }
        let output = layer(x)
        expectClose(output, reference.output, "weight norm output")
        let grads = gradients(of: (output * reference.w.tensor).sum(), withRespectTo: parameters + [x])
        expectClose(grads[0], reference.gradWeightG, "weight_g gradient")
        expectClose(grads[1], reference.gradWeightV, "weight_v gradient")
        expectClose(grads[2], reference.gradBias, "bias gradient")
        expectClose(grads[3], reference.gradInput, "input gradient")
    }

    @Test func weightNormStartsWithTheWrappedFunctionAndCanFreezeItsMagnitude() {
        let linear = Linear(4, 3)
        let x = Tensor((0..<8).map { Float($0) / 8 }, shape: [2, 4])
        let before = linear(x)
        let layer = WeightNorm(wrapping: linear, trainsMagnitude: false)
        let difference = (layer(x) - before).abs().max().item
        #expect(difference < 1e-6)
        #expect(layer.namedParameters().map(\.name) == ["bias", "weight_v"])
        #expect(layer.allParameters.map(\.name) == ["bias", "weight_g", "weight_v"])
    }

    @Test func dataDependentInitializationGivesZeroMeanUnitVarianceOutputs() {
        let layer = WeightNorm(wrapping: Linear(6, 4))
        var random = RandomGenerator(seed: 5)
        let x = Tensor.randn([50, 6], generator: &random) * 3 + 1
        let returned = layer.initializeFromData(x)
        let output = withoutGrad { layer(x) }
        #expect((returned - output).abs().max().item < 1e-4)
        #expect(output.mean(axis: 0).abs().max().item < 1e-4)
        #expect((output.square().mean(axis: 0) - 1).abs().max().item < 1e-3)
    }

    @Test func improvedGANNetworksHaveThePapersShapesAndPyTorchNames() {
        let discriminator = ImprovedGANMNIST.discriminator()
        let names = discriminator.stateDict().map(\.0)
        #expect(names.prefix(3) == ["trunk.1.bias", "trunk.1.weight_g", "trunk.1.weight_v"])
        #expect(names.suffix(3) == ["head.1.bias", "head.1.weight_g", "head.1.weight_v"])
        let shapes = Dictionary(uniqueKeysWithValues: discriminator.stateDict().map { ($0.0, $0.1.shape) })
        #expect(shapes["trunk.1.weight_v"] == [1000, 784] && shapes["trunk.1.weight_g"] == [1000, 1])
        #expect(shapes["head.1.weight_v"] == [10, 250])
        // Only the last layer's magnitudes train (Lasagne's train_scale), as in the authors' script.
        let trainable = Set(discriminator.namedParameters().map(\.name))
        #expect(trainable.contains("head.1.weight_g") && !trainable.contains("trunk.1.weight_g"))
        _ = discriminator.eval()
        let heads = discriminator.heads(Tensor.zeros([3, 1, 28, 28]))
        #expect(heads[.classLogits].shape == [3, 10] && heads.score.shape == [3, 1])
        #expect(discriminator.features(Tensor.zeros([3, 1, 28, 28])).shape == [3, 250])
        let generator = ImprovedGANMNIST.generator()
        _ = generator.eval()
        let samples = generator(Tensor.zeros([2, 100]))
        #expect(samples.shape == [2, 1, 28, 28])
        #expect(samples.values.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func semiGANOffersItsClassLogitsAsAClassifier() throws {
        let entry = try ModelCatalog.entry(named: "semi-gan")
        #expect(entry.defaultLabels == 100)
        let configuration = RunConfiguration(
            model: "semi-gan", dataset: "mnist", epochs: 1, batchSize: 4, seed: 1, learningRates: entry.defaultLearningRates, labels: 10)
        let images = Tensor.zeros([10, 1, 28, 28])
        let model = try entry.makeModel(configuration, examples: ModelExamples(labelledImages: images, labels: Array(0..<10)))
        let game = try #require(model as? GAN)
        #expect(game.discriminatorTerms.compactMap(\.key) == ["loss_d_labelled", "loss_d_unlabelled", "loss_d_fake"])
        let classifier = try #require(model.classifier)
        #expect(classifier.name == "class_logits" && classifier(images).shape == [10, 10])
        let loaded = try entry.makeModel(configuration)
        #expect((loaded as? GAN)?.discriminatorTerms.compactMap(\.key) == ["loss_d_unlabelled", "loss_d_fake"])
    }
}
