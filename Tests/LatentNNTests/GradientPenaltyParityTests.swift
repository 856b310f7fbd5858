import LatentTensor
import Testing

// The WGAN-GP gradient penalty, a gradient of a gradient, against PyTorch (gradient_penalty.json).

@Test func gradientPenaltyMatchesPyTorch() throws {
    let fixture = try Fixtures.load(GradientPenaltyFixture.self, "gradient_penalty.json")
    #expect(fixture.stateDict.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    let parameters = fixture.stateDict.map { $0.tensor.requiringGrad() }
    let (w1, b1, w2, b2) = (parameters[0], parameters[1], parameters[2], parameters[3])
    let critic = { (x: Tensor) -> Tensor in
        let hidden = (Tensor.matmul(x, w1, transposeA: false, transposeB: true) + b1).leakyRelu(negativeSlope: 0.2)
        return Tensor.matmul(hidden, w2, transposeA: false, transposeB: true) + b2
    }
    let alpha = fixture.alpha.tensor
    let interpolates = (alpha * fixture.real.tensor + (1 - alpha) * fixture.fake.tensor).requiringGrad()
    expectMatches(interpolates, fixture.interpolates, "gradient penalty")
    let scores = critic(interpolates)
    expectMatches(scores, fixture.scores, "gradient penalty")

    let inputGradient = gradients(of: scores.sum(), withRespectTo: [interpolates], createGraph: true)[0]
    expectMatches(inputGradient, fixture.inputGradient, "gradient penalty")
    let norms = inputGradient.square().sum(axis: 1).sqrt()
    let penalty = (norms - 1).square().mean()
    let expected: Float = fixture.penalty
    #expect(abs(penalty.item - expected) <= 1e-4 * abs(expected) + 1e-5)

    let grads = gradients(of: penalty, withRespectTo: parameters)
    for (grad, reference) in zip(grads, fixture.gradients) {
        expectMatches(grad, reference, "gradient penalty")
    }
}
