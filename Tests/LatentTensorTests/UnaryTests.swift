import Testing
import LatentTensor
import LatentTestSupport

@Suite struct UnaryTests {
    @Test func smoothFunctionValues() {
        let x = Tensor([-1, 0, 0.5, 2])
        #expect(allClose(x.exp().values, [0.367_879_4, 1, 1.648_721_3, 7.389_056]))
        #expect(allClose(Tensor([1, 2.718_281_8, 0.5]).log().values, [0, 1, -0.693_147_2]))
        #expect(allClose(Tensor([0, 4, 2.25]).sqrt().values, [0, 2, 1.5]))
        #expect(x.square().values == [1, 0, 0.25, 4])
        #expect(x.abs().values == [1, 0, 0.5, 2])
        #expect(allClose(x.tanh().values, [-0.761_594_2, 0, 0.462_117_2, 0.964_027_6]))
        #expect(allClose(x.sigmoid().values, [0.268_941_4, 0.5, 0.622_459_3, 0.880_797_1]))
        #expect(allClose(Tensor([-200, 200]).sigmoid().values, [0, 1]))
    }

    @Test func piecewiseFunctionValues() {
        let x = Tensor([-2, -0.5, 0, 3])
        #expect(x.relu().values == [0, 0, 0, 3])
        #expect(allClose(x.leakyRelu().values, [-0.02, -0.005, 0, 3]))
        #expect(allClose(x.leakyRelu(negativeSlope: 0.2).values, [-0.4, -0.1, 0, 3]))
        #expect(allClose(x.elu().values, [-0.864_664_7, -0.393_469_3, 0, 3]))
        #expect(allClose(x.elu(alpha: 2).values, [-1.729_329_4, -0.786_938_7, 0, 3]))
        #expect(x.clamp(min: -1, max: 1).values == [-1, -0.5, 0, 1])
        #expect(x.clamp(min: -1).values == [-1, -0.5, 0, 3])
        #expect(x.clamp(max: -1).values == [-2, -1, -1, -1])
        let odd = Tensor([1, .infinity, -.infinity, .nan])
        #expect(odd.isFinite().values == [1, 0, 0, 0])
    }

    @Test func softplusFollowsPyTorch() {
        let x = Tensor([-1, 0, 1, 30])
        #expect(allClose(x.softplus().values, [0.313_261_7, 0.693_147_2, 1.313_261_7, 30]))
        // β = 2: log(1 + e²)/2; 15 · 2 > threshold 20, so the value is passed through.
        #expect(allClose(Tensor([1, 15]).softplus(beta: 2).values, [1.063_464, 15]))
        #expect(allClose(Tensor([5]).softplus(threshold: 4).values, [5]))
        let g = valueAndGradient(at: [Tensor([0, 25])]) { $0[0].softplus().sum() }.gradients[0]
        #expect(allClose(g.values, [0.5, 1]))
    }

    @Test func piecewiseGradients() {
        let x = Tensor([-2, -0.5, 0, 3])
        func grad(_ f: @escaping (Tensor) -> Tensor) -> [Float] {
            valueAndGradient(at: [x]) { f($0[0]).sum() }.gradients[0].values
        }
        #expect(grad { $0.relu() } == [0, 0, 0, 1])
        #expect(allClose(grad { $0.leakyRelu(negativeSlope: 0.2) }, [0.2, 0.2, 0.2, 1]))
        #expect(grad { $0.abs() } == [-1, -1, 0, 1])
        #expect(grad { $0.clamp(min: -1, max: 1) } == [0, 1, 1, 0])
        #expect(allClose(grad { $0.elu(alpha: 2) }, [2 * 0.135_335_3, 2 * 0.606_530_7, 2, 1]))
        // The fused backward kernels (used when the backward pass is not recorded) agree.
        let recorded = valueAndGradient(at: [x]) { input in
            let y = input[0].leakyRelu(negativeSlope: 0.2) + input[0].tanh() + input[0].sigmoid()
            return y.sum()
        }.gradients[0]
        let xr = x.requiringGrad()
        let y = xr.leakyRelu(negativeSlope: 0.2) + xr.tanh() + xr.sigmoid()
        let graphed = gradients(of: y.sum(), withRespectTo: [xr], createGraph: true)[0]
        #expect(allClose(recorded.values, graphed.values))
    }

    @Test func gradientsMatchFiniteDifferences() {
        let x = CoreFixtures.awayFromZero([2, 3], seed: 3)
        let positive = CoreFixtures.uniform([2, 3], 0.5, 2, seed: 4)
        #expect(gradientError([x]) { $0[0].exp() } < 1e-2)
        #expect(gradientError([positive]) { $0[0].log() } < 1e-2)
        #expect(gradientError([positive]) { $0[0].sqrt() } < 1e-2)
        #expect(gradientError([x]) { $0[0].abs() } < 1e-2)
        #expect(gradientError([x]) { $0[0].square() } < 1e-2)
        #expect(gradientError([x]) { $0[0].tanh() } < 1e-2)
        #expect(gradientError([x]) { $0[0].sigmoid() } < 1e-2)
        #expect(gradientError([x]) { $0[0].relu() } < 1e-2)
        #expect(gradientError([x]) { $0[0].leakyRelu(negativeSlope: 0.1) } < 1e-2)
        #expect(gradientError([x]) { $0[0].elu(alpha: 1.5) } < 1e-2)
        #expect(gradientError([x]) { $0[0].softplus() } < 1e-2)
        #expect(gradientError([x]) { $0[0].softplus(beta: 2, threshold: 1) } < 1e-2)
        #expect(gradientError([x]) { $0[0].clamp(min: -0.6, max: 0.6) } < 1e-2)
    }

    @Test func secondOrderGradientsMatchFiniteDifferences() {
        let x = CoreFixtures.awayFromZero([2, 3], seed: 5)
        let positive = CoreFixtures.uniform([2, 3], 0.5, 2, seed: 6)
        #expect(secondOrderGradientError([x]) { $0[0].exp() } < 2e-2)
        #expect(secondOrderGradientError([positive]) { $0[0].log() } < 2e-2)
        #expect(secondOrderGradientError([positive]) { $0[0].sqrt() } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].square() } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].tanh() } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].sigmoid() } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].softplus() } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].softplus(beta: 2) } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].elu(alpha: 1.5) } < 2e-2)
        // Piecewise-linear functions have zero second derivative away from their kinks.
        #expect(secondOrderGradientError([x]) { $0[0].leakyRelu(negativeSlope: 0.1) * $0[0] } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].abs() * $0[0] } < 2e-2)
    }
}
