import Foundation
import LatentModels
import LatentNN
import Testing

// The GAN objectives against values computed by hand and against PyTorch (Fixtures/gan.json).

@Suite struct GANObjectiveTests {
    let real = Tensor([2, -1], shape: [2, 1])
    let fake = Tensor([0, 3], shape: [2, 1])

    /// log(1 + eˣ), so −log σ(x) = softplus(−x) and −log(1 − σ(x)) = softplus(x).
    private func softplus(_ x: Double) -> Double { log(1 + exp(x)) }

    private func expectNear(_ value: Tensor, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(Double(value.item) - expected) < 1e-5, "\(value.item) vs \(expected)", sourceLocation: sourceLocation)
    }

    @Test func nonSaturatingOnLogitsByHand() {
        let objective = NonSaturatingObjective()
        expectNear(objective.discriminatorLoss(real: real, fake: fake), (softplus(-2) + softplus(1)) / 2 + (softplus(0) + softplus(3)) / 2)
        expectNear(objective.generatorLoss(fake: fake), (softplus(0) + softplus(-3)) / 2)
        #expect(abs(Double(objective.probabilities(real).values[0]) - 1 / (1 + exp(-2))) < 1e-6)
    }

    @Test func nonSaturatingOnProbabilitiesByHand() {
        let objective = NonSaturatingObjective(output: .probabilities)
        let realP = Tensor([0.9, 0.6], shape: [2, 1]), fakeP = Tensor([0.2, 0.5], shape: [2, 1])
        expectNear(objective.discriminatorLoss(real: realP, fake: fakeP), -(log(0.9) + log(0.6)) / 2 - (log(0.8) + log(0.5)) / 2)
        expectNear(objective.generatorLoss(fake: fakeP), -(log(0.2) + log(0.5)) / 2)
        #expect(objective.probabilities(realP).values == realP.values)
    }

    @Test func minimaxGeneratorLossIsLogOfOneMinusD() {
        expectNear(MinimaxObjective().generatorLoss(fake: fake), -(softplus(0) + softplus(3)) / 2)
    }

    @Test func wassersteinHingeAndLeastSquaresByHand() {
        expectNear(WassersteinObjective().discriminatorLoss(real: real, fake: fake), 1.5 - 0.5)
        expectNear(WassersteinObjective().generatorLoss(fake: fake), -1.5)
        // max(0, 1 − 2) = 0, max(0, 1 + 1) = 2; max(0, 1 + 0) = 1, max(0, 1 + 3) = 4.
        expectNear(HingeObjective().discriminatorLoss(real: real, fake: fake), 1 + 2.5)
        // ½·((2 − 1)² + (−1 − 1)²)/2 + ½·(0² + 3²)/2.
        expectNear(LeastSquaresObjective().discriminatorLoss(real: real, fake: fake), 0.5 * 2.5 + 0.5 * 4.5)
        expectNear(LeastSquaresObjective().generatorLoss(fake: fake), 0.5 * (1 + 4) / 2)
        #expect(LeastSquaresObjective().probabilities(Tensor([-0.5, 0.3, 1.7])).values == [0, 0.3, 1])
    }

    @Test func relativisticAverageByHand() {
        // E C(x_f) = 1.5, E C(x_r) = 0.5: real − 1.5 = (0.5, −2.5), fake − 0.5 = (−0.5, 2.5).
        let expectedD = (softplus(-0.5) + softplus(2.5)) / 2 + (softplus(-0.5) + softplus(2.5)) / 2
        expectNear(RelativisticAverageObjective().discriminatorLoss(real: real, fake: fake), expectedD)
        let expectedG = (softplus(0.5) + softplus(-2.5)) / 2 + (softplus(0.5) + softplus(-2.5)) / 2
        expectNear(RelativisticAverageObjective().generatorLoss(fake: fake, real: real), expectedG)
    }

    @Test func labelSmoothingLowersTheRealTarget() {
        let objective = NonSaturatingObjective()
        // BCE with target 0.9 on logit 2: softplus(2) − 0.9·2.
        let smoothed = objective.discriminatorLoss(real: Tensor([2], shape: [1, 1]), fake: Tensor([-50], shape: [1, 1]), realTarget: 0.9)
        expectNear(smoothed, softplus(2) - 0.9 * 2)
    }

    @Test func everyObjectiveMatchesPyTorch() throws {
        let fixture = try GANFixture.load()
        let objectives: [String: any GANObjective] = [
            "non-saturating-logits": NonSaturatingObjective(), "non-saturating-probabilities": NonSaturatingObjective(output: .probabilities),
            "minimax-logits": MinimaxObjective(), "minimax-probabilities": MinimaxObjective(output: .probabilities),
            "wasserstein": WassersteinObjective(), "hinge": HingeObjective(), "least-squares": LeastSquaresObjective(),
            "relativistic-average": RelativisticAverageObjective(),
        ]
        #expect(Set(fixture.objectives.map(\.name)) == Set(objectives.keys))
        for reference in fixture.objectives {
            let objective = try #require(objectives[reference.name])
            let logits = reference.scores == "logits"
            let real = (logits ? fixture.realLogits : fixture.realProbabilities).tensor.requiringGrad()
            let fake = (logits ? fixture.fakeLogits : fixture.fakeProbabilities).tensor.requiringGrad()
            let dLoss = objective.discriminatorLoss(real: real, fake: fake)
            expectClose(dLoss.item, reference.dLoss, "\(reference.name) D loss")
            if objective.hasRealTarget {
                expectClose(objective.discriminatorLoss(real: real, fake: fake, realTarget: 0.9).item, reference.dLossSmoothed,
                            "\(reference.name) smoothed D loss")
            }
            let dGrads = gradients(of: dLoss, withRespectTo: [real, fake])
            expectClose(dGrads[0], reference.dGradReal, "\(reference.name) D loss by real scores")
            expectClose(dGrads[1], reference.dGradFake, "\(reference.name) D loss by fake scores")
            let gLoss = objective.generatorLoss(fake: fake, real: real)
            expectClose(gLoss.item, reference.gLoss, "\(reference.name) G loss")
            let gGrads = gradients(of: gLoss, withRespectTo: [real, fake])
            expectClose(gGrads[0], reference.gGradReal, "\(reference.name) G loss by real scores")
            expectClose(gGrads[1], reference.gGradFake, "\(reference.name) G loss by fake scores")
        }
    }
}
