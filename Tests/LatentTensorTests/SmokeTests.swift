import Testing
@testable import LatentTensor
import LatentTestSupport

@Test func addAndGradient() {
    let a = Tensor([1, 2, 3, 4], shape: [2, 2]).requiringGrad()
    let b = Tensor([10, 20], shape: [2])
    let y = ((a + b) * a).sum()
    let expected: Float = 11 + 44 + 39 + 96
    #expect(y.item == expected)
    let g = gradients(of: y, withRespectTo: [a])[0]
    #expect(g.values == [12, 24, 16, 28])
}

@Test func gradientCheckerSeesFirstAndSecondOrder() {
    let x = Tensor([0.3, -0.7, 1.2, 0.5], shape: [2, 2])
    #expect(gradientError([x]) { ($0[0] * $0[0] * $0[0]).tanh() } < 1e-2)
    #expect(secondOrderGradientError([x]) { ($0[0] * $0[0] * $0[0]).tanh() } < 2e-2)
}
