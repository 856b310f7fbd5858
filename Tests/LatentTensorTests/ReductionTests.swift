import Testing
import LatentTensor
import LatentTestSupport

@Suite struct ReductionTests {
    let x = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let cube = Tensor((0..<12).map(Float.init), shape: [2, 2, 3])

    @Test func sumOverAxes() {
        #expect(x.sum().shape == [] && x.sum().item == 21)
        #expect(x.sum(axis: 0).shape == [3] && x.sum(axis: 0).values == [5, 7, 9])
        #expect(x.sum(axis: -1).values == [6, 15])
        let kept = x.sum(axis: 1, keepDims: true)
        #expect(kept.shape == [2, 1] && kept.values == [6, 15])
        #expect(x.sum(axes: [0, 1], keepDims: true).shape == [1, 1])
        #expect(cube.sum(axes: [0, 2]).values == [24, 42])
        #expect(cube.sum(axes: [-1, 0]).values == [24, 42])
        #expect(cube.sum(axes: [0, -1], keepDims: true).shape == [1, 2, 1])
        #expect(cube.sum(axis: 1).values == [3, 5, 7, 15, 17, 19])
        #expect(Tensor(scalar: 4).sum().item == 4)
        #expect(Tensor(scalar: 4).sum(axis: 0).item == 4)
        #expect(Tensor(scalar: 4).mean(axis: 0, keepDims: true).shape == [])
        #expect(Tensor(scalar: 4).max(axes: [0]).item == 4)
        #expect(Tensor(scalar: 4).argmax(axis: 0).item == 0)
        #expect(Tensor.zeros([2, 0]).sum(axis: 1).values == [0, 0])
    }

    @Test func meanOverAxes() {
        #expect(x.mean().item == 3.5)
        #expect(x.mean(axis: 1).values == [2, 5])
        #expect(x.mean(axis: -2, keepDims: true).shape == [1, 3])
        #expect(x.mean(axis: -2, keepDims: true).values == [2.5, 3.5, 4.5])
        #expect(cube.mean(axes: [0, 2]).values == [4, 7])
        let g = valueAndGradient(at: [cube]) { $0[0].mean(axes: [0, 2]).sum() }.gradients[0]
        #expect(allClose(g.values, [Float](repeating: 1 / Float(6), count: 12)))
    }

    @Test func varianceUnbiasedAndBiased() {
        #expect(x.variance(axes: [1]).values == [1, 1])
        #expect(allClose(x.variance(axes: [1], unbiased: false).values, [2 / Float(3), 2 / Float(3)]))
        #expect(allClose([x.variance().item], [3.5]))
        #expect(allClose([x.variance(unbiased: false).item], [17.5 / 6]))
        #expect(allClose(x.variance(axes: [0]).values, [4.5, 4.5, 4.5]))
        let kept = x.variance(axes: [-2], unbiased: false, keepDims: true)
        #expect(kept.shape == [1, 3] && allClose(kept.values, [2.25, 2.25, 2.25]))
        // d/dx Σ biased variance of a row = 2(x − mean)/n.
        let g = valueAndGradient(at: [x]) { $0[0].variance(axes: [1], unbiased: false).sum() }.gradients[0]
        #expect(allClose(g.values, [-2 / Float(3), 0, 2 / Float(3), -2 / Float(3), 0, 2 / Float(3)]))
    }

    @Test func maxAndMinSplitGradientAmongTies() {
        let t = Tensor([1, 5, 5, 7, 2, 7], shape: [2, 3])
        #expect(t.max().item == 7)
        #expect(t.max(axes: [1]).values == [5, 7])
        #expect(t.max(axes: [0]).values == [7, 5, 7])
        #expect(t.max(axes: [-1], keepDims: true).shape == [2, 1])
        #expect(t.min(axes: [1]).values == [1, 2])
        #expect(t.min().item == 1)
        func grad(_ f: @escaping (Tensor) -> Tensor) -> [Float] {
            valueAndGradient(at: [t]) { f($0[0]).sum() }.gradients[0].values
        }
        #expect(grad { $0.max(axes: [1]) } == [0, 0.5, 0.5, 0.5, 0, 0.5])
        #expect(grad { $0.max() } == [0, 0, 0, 0.5, 0, 0.5])
        #expect(grad { $0.max(axes: [0], keepDims: true) } == [0, 1, 0, 1, 0, 1])
        #expect(grad { $0.min(axes: [1]) } == [1, 0, 0, 0, 1, 0])
        #expect(grad { $0.min(axes: [0]) } == [1, 0, 1, 0, 1, 0])
        #expect(Tensor([-.infinity, -.infinity]).max().item == -.infinity)
    }

    @Test func argmaxTakesFirstOfTies() {
        let t = Tensor([1, 5, 5, 7, 2, 7], shape: [2, 3])
        #expect(t.argmax(axis: 1).values == [1, 0])
        #expect(t.argmax(axis: 0).values == [1, 0, 1])
        let kept = t.argmax(axis: -1, keepDims: true)
        #expect(kept.shape == [2, 1] && kept.values == [1, 0])
        #expect(cube.argmax(axis: 1).shape == [2, 3])
        #expect(cube.argmax(axis: 1).values == [1, 1, 1, 1, 1, 1])
        #expect(Tensor([-.infinity, -.infinity, -1]).argmax(axis: 0).values == [2])
        #expect(Tensor([-.infinity, -.infinity]).argmax(axis: 0).values == [0])
        #expect(!t.requiringGrad().argmax(axis: 0).requiresGrad)
    }

    @Test func logSumExpIsStableAndIgnoresNegativeInfinity() {
        let t = Tensor([0, 0, 1, -.infinity], shape: [2, 2])
        let ln2: Float = 0.693_147_2
        #expect(allClose(t.logSumExp(axes: [1]).values, [ln2, 1]))
        #expect(t.logSumExp(axes: [-1], keepDims: true).shape == [2, 1])
        let big = Tensor([1000, 1000, -1000])
        #expect(allClose(big.logSumExp(axes: [0]).values, [1000 + ln2]))
        let all = Tensor([1, 2, 3, 4], shape: [2, 2]).logSumExp(axes: [])
        #expect(all.shape == [] && allClose([all.item], [4.440_189_7]))
        let g = valueAndGradient(at: [t]) { $0[0].logSumExp(axes: [1]).sum() }.gradients[0]
        #expect(g.values == [0.5, 0.5, 1, 0])
        let g2 = valueAndGradient(at: [big]) { $0[0].logSumExp(axes: [0]).sum() }.gradients[0]
        #expect(allClose(g2.values, [0.5, 0.5, 0]))
    }

    @Test func gradientsMatchFiniteDifferences() {
        let t = CoreFixtures.uniform([2, 3, 4], seed: 11)
        #expect(gradientError([t]) { $0[0].sum() } < 1e-2)
        #expect(gradientError([t]) { $0[0].sum(axes: [0, 2]) } < 1e-2)
        #expect(gradientError([t]) { $0[0].sum(axis: -1, keepDims: true) } < 1e-2)
        #expect(gradientError([t]) { $0[0].mean(axes: [1]) } < 1e-2)
        #expect(gradientError([t]) { $0[0].mean(axis: 0, keepDims: true) } < 1e-2)
        #expect(gradientError([t]) { $0[0].variance(axes: [2]) } < 1e-2)
        #expect(gradientError([t]) { $0[0].variance(axes: [0, 1], unbiased: false, keepDims: true) } < 1e-2)
        let spread = CoreFixtures.distinct([2, 3, 4], seed: 13)
        #expect(gradientError([spread]) { $0[0].max(axes: [1]) } < 1e-2)
        #expect(gradientError([spread]) { $0[0].min(axes: [-1], keepDims: true) } < 1e-2)
        #expect(gradientError([spread]) { $0[0].max(axes: [0, 2]) } < 1e-2)
        #expect(gradientError([spread]) { $0[0].max() } < 1e-2)
        #expect(gradientError([t]) { $0[0].logSumExp(axes: [2]) } < 1e-2)
        #expect(gradientError([t]) { $0[0].logSumExp(axes: [0, 1], keepDims: true) } < 1e-2)
    }

    @Test func secondOrderGradientsMatchFiniteDifferences() {
        let t = CoreFixtures.uniform([2, 3, 4], seed: 12)
        // A reduction's gradient does not depend on its input, so each is composed with a square.
        #expect(secondOrderGradientError([t]) { $0[0].square().sum(axes: [1]) } < 2e-2)
        #expect(secondOrderGradientError([t]) { $0[0].sum(axes: [0, 2]).square() } < 2e-2)
        #expect(secondOrderGradientError([t]) { $0[0].mean(axis: -1).square() } < 2e-2)
        #expect(secondOrderGradientError([t]) { $0[0].variance(axes: [2]) } < 2e-2)
        #expect(secondOrderGradientError([t]) { $0[0].variance(axes: [0, 1], unbiased: false) } < 2e-2)
        #expect(secondOrderGradientError([t]) { $0[0].logSumExp(axes: [2]) } < 2e-2)
        #expect(secondOrderGradientError([t]) { $0[0].logSumExp(axes: [0, 2], keepDims: true) } < 2e-2)
    }
}
