import Testing
import LatentTensor
import LatentTestSupport

@Suite struct ArithmeticTests {
    let a23 = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let b3 = Tensor([10, 20, 30])

    @Test func addBroadcastsRowVector() {
        let y = a23 + b3
        #expect(y.shape == [2, 3])
        #expect(y.values == [11, 22, 33, 14, 25, 36])
        #expect((b3 + a23).values == [11, 22, 33, 14, 25, 36])
    }

    @Test func subAndDivBroadcast() {
        #expect((a23 - b3).values == [-9, -18, -27, -6, -15, -24])
        #expect((b3 - a23).values == [9, 18, 27, 6, 15, 24])
        #expect(allClose((a23 / b3).values, [0.1, 0.1, 0.1, 0.4, 0.25, 0.2]))
        #expect(allClose((b3 / a23).values, [10, 10, 10, 2.5, 4, 5]))
    }

    @Test func mulBroadcastsBothOperands() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 1, 3])
        let b = Tensor([1, 2, 3, 4], shape: [4, 1])
        let y = a * b
        #expect(y.shape == [2, 4, 3])
        var expected: [Float] = []
        for i in 0..<2 {
            for j in 0..<4 {
                for k in 0..<3 { expected.append(Float(i * 3 + k + 1) * Float(j + 1)) }
            }
        }
        #expect(y.values == expected)
        let (ga, gb) = { () -> (Tensor, Tensor) in
            let grads = valueAndGradient(at: [a, b]) { ($0[0] * $0[1]).sum() }.gradients
            return (grads[0], grads[1])
        }()
        #expect(ga.shape == [2, 1, 3] && ga.values == [Float](repeating: 10, count: 6))
        #expect(gb.shape == [4, 1] && gb.values == [Float](repeating: 21, count: 4))
    }

    @Test func broadcastGradientsReduceToInputShapes() {
        let grads = valueAndGradient(at: [a23, b3]) { (($0[0] - $0[1]) * 2).sum() }.gradients
        #expect(grads[0].values == [Float](repeating: 2, count: 6))
        #expect(grads[1].shape == [3] && grads[1].values == [-4, -4, -4])
        let divGrads = valueAndGradient(at: [a23, b3]) { ($0[0] / $0[1]).sum() }.gradients
        #expect(allClose(divGrads[0].values, [0.1, 0.05, 1 / Float(30), 0.1, 0.05, 1 / Float(30)]))
        // d/db Σ a/b = −Σᵢ aᵢⱼ / b².
        #expect(allClose(divGrads[1].values, [-5.0 / 100, -7.0 / 400, -9.0 / 900]))
    }

    @Test func rankZeroTensorBroadcasts() {
        let s = Tensor(scalar: 2)
        #expect((a23 * s).values == [2, 4, 6, 8, 10, 12])
        #expect((s - a23).values == [1, 0, -1, -2, -3, -4])
        let grads = valueAndGradient(at: [a23, s]) { ($0[0] * $0[1]).sum() }.gradients
        #expect(grads[1].shape == [] && grads[1].item == 21)
        #expect(grads[0].values == [Float](repeating: 2, count: 6))
        let reversed = valueAndGradient(at: [s, a23]) { ($0[0] / $0[1]).sum() }.gradients
        let inverseSum: Float = 1 + 0.5 + 1 / Float(3) + 0.25 + 0.2 + 1 / Float(6)
        #expect(allClose([reversed[0].item], [inverseSum]))
        #expect(allClose(reversed[1].values, [-2, -0.5, -2 / Float(9), -0.125, -0.08, -2 / Float(36)]))
    }

    @Test func floatOperands() {
        let x = Tensor([1, -2, 4])
        #expect((x + 1).values == [2, -1, 5])
        #expect((1 + x).values == [2, -1, 5])
        #expect((x - 1).values == [0, -3, 3])
        #expect((1 - x).values == [0, 3, -3])
        #expect((x * 3).values == [3, -6, 12])
        #expect((3 * x).values == [3, -6, 12])
        #expect((x / 2).values == [0.5, -1, 2])
        #expect((4 / x).values == [4, -2, 1])
        #expect((-x).values == [-1, 2, -4])
        let grads = valueAndGradient(at: [x]) { (1 - $0[0] * 3 + 4 / $0[0] - $0[0] / 2).sum() }.gradients
        // −3 − 4/x² − 0.5
        #expect(allClose(grads[0].values, [-7.5, -4.5, -3.75]))
    }

    @Test func powValuesAndGradients() {
        let x = Tensor([0.5, 2, 3])
        #expect(allClose(x.pow(2).values, [0.25, 4, 9]))
        #expect(allClose(x.pow(3).values, [0.125, 8, 27]))
        #expect(allClose(x.pow(0.5).values, [Float(0.5).squareRoot(), Float(2).squareRoot(), Float(3).squareRoot()]))
        #expect(allClose(x.pow(Tensor([2, 3, 0.5])).values, [0.25, 8, Float(3).squareRoot()]))
        let g = valueAndGradient(at: [x]) { $0[0].pow(3).sum() }.gradients[0]
        #expect(allClose(g.values, [0.75, 12, 27]))
        // x⁰ is constant everywhere, including at zero.
        let zero = valueAndGradient(at: [Tensor([0, 2])]) { $0[0].pow(0).sum() }
        #expect(zero.value.item == 2)
        #expect(zero.gradients[0].values == [0, 0])
        let e = valueAndGradient(at: [Tensor([2]), Tensor([3])]) { $0[0].pow($0[1]).sum() }.gradients
        #expect(allClose(e[0].values, [12]))
        #expect(allClose(e[1].values, [8 * 0.693_147_2]))
    }

    @Test func maximumAndMinimumSplitTies() {
        let x = Tensor([1, 5, 3, 4]), y = Tensor([2, 5, 1, 4])
        #expect(x.maximum(y).values == [2, 5, 3, 4])
        #expect(x.minimum(y).values == [1, 5, 1, 4])
        let grads = valueAndGradient(at: [x, y]) { $0[0].maximum($0[1]).sum() }.gradients
        #expect(grads[0].values == [0, 0.5, 1, 0.5])
        #expect(grads[1].values == [1, 0.5, 0, 0.5])
        let low = valueAndGradient(at: [x, y]) { $0[0].minimum($0[1]).sum() }.gradients
        #expect(low[0].values == [1, 0.5, 0, 0.5])
        #expect(low[1].values == [0, 0.5, 1, 0.5])
        let broadcast = valueAndGradient(at: [a23, Tensor(scalar: 3.5)]) { $0[0].maximum($0[1]).sum() }
        #expect(broadcast.value.item == 3.5 * 3 + 15)
        #expect(broadcast.gradients[0].values == [0, 0, 0, 1, 1, 1])
        #expect(broadcast.gradients[1].item == 3)
    }

    @Test func comparisonsAndWhere() {
        let x = Tensor([1, 2, 3]), y = Tensor([2, 2, 2])
        #expect(x.greater(y).values == [0, 0, 1])
        #expect(x.less(y).values == [1, 0, 0])
        #expect(x.greaterEqual(y).values == [0, 1, 1])
        #expect(x.lessEqual(y).values == [1, 1, 0])
        #expect(x.equal(y).values == [0, 1, 0])
        #expect(x.greater(1.5).values == [0, 1, 1])
        #expect(x.less(2.5).values == [1, 1, 0])
        #expect(a23.greater(Tensor(scalar: 3)).values == [0, 0, 0, 1, 1, 1])
        let xr = x.requiringGrad()
        #expect(!xr.greater(y).requiresGrad)

        let condition = Tensor([1, 0, 1])
        let picked = Tensor.where(condition, a23, Tensor(scalar: -1))
        #expect(picked.shape == [2, 3])
        #expect(picked.values == [1, -1, 3, 4, -1, 6])
        let grads = valueAndGradient(at: [a23, Tensor(scalar: -1)]) {
            Tensor.where(condition, $0[0], $0[1]).sum()
        }.gradients
        #expect(grads[0].values == [1, 0, 1, 1, 0, 1])
        #expect(grads[1].shape == [] && grads[1].item == 2)
    }

    @Test func gradientsMatchFiniteDifferences() {
        let x = CoreFixtures.uniform([2, 3], 0.5, 2, seed: 1)
        let row = CoreFixtures.uniform([3], 0.5, 2, seed: 2)
        let x213 = CoreFixtures.uniform([2, 1, 3], 0.5, 2, seed: 3)
        let col = CoreFixtures.uniform([4, 1], 0.5, 2, seed: 4)
        let s = Tensor(scalar: 1.3)
        #expect(gradientError([x, row]) { $0[0] + $0[1] } < 1e-2)
        #expect(gradientError([x, row]) { $0[1] - $0[0] } < 1e-2)
        #expect(gradientError([x213, col]) { $0[0] * $0[1] } < 1e-2)
        #expect(gradientError([x213, col]) { $0[0] / $0[1] } < 1e-2)
        #expect(gradientError([s, x]) { $0[0] / $0[1] } < 1e-2)
        #expect(gradientError([x]) { 2 - 3 * $0[0] + 1.5 / $0[0] - $0[0] / 4 + (-$0[0]) } < 1e-2)
        #expect(gradientError([x]) { $0[0].pow(3) } < 1e-2)
        #expect(gradientError([x]) { $0[0].pow(-1.5) } < 1e-2)
        #expect(gradientError([x, row]) { $0[0].pow($0[1]) } < 1e-2)
        let other = CoreFixtures.uniform([2, 3], 0.5, 2, seed: 9)
        #expect(gradientError([x, other]) { $0[0].maximum($0[1]) } < 1e-2)
        #expect(gradientError([x, other]) { $0[0].minimum($0[1]) } < 1e-2)
        let mask = Tensor([1, 0, 1, 0, 0, 1], shape: [2, 3])
        #expect(gradientError([x, row]) { Tensor.where(mask, $0[0], $0[1]) } < 1e-2)
    }

    @Test func secondOrderGradientsMatchFiniteDifferences() {
        let x = CoreFixtures.uniform([2, 3], 0.5, 2, seed: 5)
        let row = CoreFixtures.uniform([3], 0.5, 2, seed: 6)
        #expect(secondOrderGradientError([x, row]) { $0[0] * $0[1] } < 2e-2)
        #expect(secondOrderGradientError([x, row]) { $0[0] * $0[0] * $0[1] } < 2e-2)
        #expect(secondOrderGradientError([row, x]) { $0[0] * $0[0] * $0[1] } < 2e-2)
        #expect(secondOrderGradientError([x, row]) { $0[0] / $0[1] } < 2e-2)
        #expect(secondOrderGradientError([row, x]) { $0[1] / $0[0] } < 2e-2)
        #expect(secondOrderGradientError([x]) { 1.5 / $0[0] } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].pow(3) } < 2e-2)
        #expect(secondOrderGradientError([x]) { $0[0].pow(2.5) } < 2e-2)
        #expect(secondOrderGradientError([x, row]) { $0[0].pow($0[1]) } < 2e-2)
        #expect(secondOrderGradientError([row, x]) { $0[1].pow($0[0]) } < 2e-2)
    }
}
