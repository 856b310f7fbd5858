@testable import LatentModels
import LatentNN
import Testing

// The gradient penalty, R1, feature matching and the batch-comparison layers against PyTorch
// (Fixtures/gan.json), with gradients of gradients.

@Suite struct GANRegularizerTests {
    let fixture: GANFixture

    init() throws {
        fixture = try GANFixture.load()
    }

    /// The penalty's value and its gradients for the critic's parameters.
    private func penaltyAndGradients(_ critic: Sequential, _ penalty: (Sequential) -> Tensor) -> (Float, Gradients) {
        let (value, grads) = valueAndGrad(of: critic, penalty)
        return (value.item, grads)
    }

    private func expectGradients(_ grads: Gradients, _ reference: [StoredTensor], _ context: String) {
        #expect(grads.count == reference.count)
        for expected in reference {
            guard let actual = grads[expected.name] else {
                Issue.record("\(context): no gradient for \(expected.name)")
                continue
            }
            expectClose(actual, expected, "\(context) \(expected.name)")
        }
    }

    @Test func gradientPenaltyMatchesPyTorch() throws {
        let critic = try fixture.makeCritic()
        let (value, grads) = penaltyAndGradients(critic) { d in
            GradientPenalty(weight: 10).penalty(
                discriminator: d.callAsFunction, real: fixture.critic.real.tensor, fake: fixture.critic.fake.tensor,
                alpha: fixture.critic.alpha.tensor)
        }
        expectClose(value, fixture.gradientPenalty.value, "gradient penalty")
        expectGradients(grads, fixture.gradientPenalty.gradients, "gradient penalty")
    }

    @Test func gradientPenaltyDrawsOneAlphaPerSample() throws {
        let critic = try fixture.makeCritic()
        var random = RandomGenerator(seed: 5), replay = RandomGenerator(seed: 5)
        let real = fixture.critic.real.tensor, fake = fixture.critic.fake.tensor
        let drawn = GradientPenalty().penalty(discriminator: critic.callAsFunction, real: real, fake: fake, generator: &random)
        let alpha = Tensor.uniform([4, 1], generator: &replay)
        let given = GradientPenalty().penalty(discriminator: critic.callAsFunction, real: real, fake: fake, alpha: alpha)
        #expect(drawn.item == given.item)
    }

    @Test func r1MatchesPyTorch() throws {
        let critic = try fixture.makeCritic()
        let (value, grads) = penaltyAndGradients(critic) { d in
            R1Penalty(gamma: 10).penalty(discriminator: d.callAsFunction, real: fixture.critic.real.tensor)
        }
        expectClose(value, fixture.r1.value, "R1")
        expectGradients(grads, fixture.r1.gradients, "R1")
    }

    @Test func featureMatchingMatchesPyTorch() throws {
        let critic = try fixture.makeCritic()
        let gan = GAN(
            generator: Sequential(Linear(2, 6)), discriminator: critic, generatorOptimizer: SGD(learningRate: 0.1),
            discriminatorOptimizer: SGD(learningRate: 0.1), objective: WassersteinObjective(), latentShape: [2],
            options: { var options = GANOptions(); options.featureMatching = true; return options }())
        let fake = fixture.critic.fake.tensor.requiringGrad()
        var random = RandomGenerator(seed: 1)
        let loss = gan.generatorLoss(real: fixture.critic.real.tensor, fake: fake, random: &random).0
        expectClose(loss.item, fixture.featureMatching.value, "feature matching")
        expectClose(gradients(of: loss, withRespectTo: [fake])[0], fixture.featureMatching.fakeGradient, "feature matching")
    }

    @Test func featuresStopBeforeTheBatchComparisonOrTheLastLinearLayer() {
        let plain = MLPGAN.discriminator(inputSize: 6, hiddenSize: 5)
        #expect(plain.features(Tensor.ones([3, 6])).shape == [3, 5])
        var comparison = BatchComparison()
        comparison.standardDeviation = true
        comparison.discriminationKernels = 4
        let compared = DCGANMNIST.discriminator(comparison: comparison)
        #expect(compared.features(Tensor.zeros([2, 1, 28, 28])).shape == [2, DCGANMNIST.hiddenSize])
        let convolutional = DCGANMNIST.discriminator(hiddenSize: 0, comparison: comparison)
        #expect(convolutional.features(Tensor.zeros([2, 1, 28, 28])).shape == [2, 128 * 7 * 7])
    }

    @Test func minibatchDiscriminationMatchesPyTorch() throws {
        let reference = fixture.minibatchDiscrimination
        let layer = MinibatchDiscrimination(inFeatures: 6, outFeatures: 3, kernelDims: 2)
        try layer.loadStateDict(["weight": reference.weight.tensor])
        let input = reference.input.tensor.requiringGrad()
        let (output, grads) = valueAndGrad(of: layer) { l in (l(input) * reference.w.tensor).sum() }
        _ = output
        let forward = withoutGrad { layer(reference.input.tensor) }
        expectClose(forward, reference.output, "minibatch discrimination")
        expectClose(try #require(grads["weight"]), reference.weightGradient, "minibatch discrimination weight")
        let inputGradient = gradients(of: (layer(input) * reference.w.tensor).sum(), withRespectTo: [input])[0]
        expectClose(inputGradient, reference.inputGradient, "minibatch discrimination input")
    }

    @Test func minibatchStdDevMatchesPyTorch() {
        let reference = fixture.minibatchStddev
        let input = reference.input.tensor.requiringGrad()
        let output = MinibatchStdDev()(input)
        expectClose(output, reference.output, "minibatch stddev")
        expectClose(gradients(of: (output * reference.w.tensor).sum(), withRespectTo: [input])[0], reference.inputGradient,
                    "minibatch stddev input")
    }
}
