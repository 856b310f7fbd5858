import Foundation
import LatentModels
import LatentNN
import Testing

// The GAN objectives against values computed by hand.

@Suite struct GANObjectiveTests {
    let real = Tensor([2, -1], shape: [2, 1])
    let fake = Tensor([0, 3], shape: [2, 1])

    /// −log σ(x) and −log(1 − σ(x)) = −log σ(−x).
    private func softplus(_ x: Double) -> Double { log(1 + exp(x)) }

    @Test func nonSaturatingLogitLosses() {
        let objective = NonSaturatingLogitObjective()
        let expectedD = (softplus(-2) + softplus(1)) / 2 + (softplus(0) + softplus(3)) / 2
        let expectedG = (softplus(0) + softplus(-3)) / 2
        #expect(abs(Double(objective.discriminatorLoss(real: real, fake: fake).item) - expectedD) < 1e-5)
        #expect(abs(Double(objective.generatorLoss(fake: fake).item) - expectedG) < 1e-5)
        let probabilities = objective.probabilities(real).values.map(Double.init)
        #expect(abs(probabilities[0] - 1 / (1 + exp(-2))) < 1e-6)
    }

    @Test func probabilityBCELosses() {
        let objective = ProbabilityBCEObjective()
        let realP = Tensor([0.9, 0.6], shape: [2, 1]), fakeP = Tensor([0.2, 0.5], shape: [2, 1])
        let expectedD = -(log(0.9) + log(0.6)) / 2 - (log(0.8) + log(0.5)) / 2
        let expectedG = -(log(0.2) + log(0.5)) / 2
        #expect(abs(Double(objective.discriminatorLoss(real: realP, fake: fakeP).item) - expectedD) < 1e-5)
        #expect(abs(Double(objective.generatorLoss(fake: fakeP).item) - expectedG) < 1e-5)
        #expect(objective.probabilities(realP).values == realP.values)
    }
}
