import Testing
import LatentTensor
import LatentTestSupport

@Suite struct AutodiffTests {
    @Test func gradientsAccumulateOverUses() {
        let x = Tensor([1, -2, 3]).requiringGrad()
        let twice = gradients(of: (x * x).sum(), withRespectTo: [x])[0]
        #expect(twice.values == [2, -4, 6])
        let sum = gradients(of: (x + x + x * 3).sum(), withRespectTo: [x])[0]
        #expect(sum.values == [5, 5, 5])
        // x feeds two branches that meet again.
        let h = x.tanh()
        let y = (h * x + h.square()).sum()
        let g = gradients(of: y, withRespectTo: [x, h])
        let hv = h.values, xv = x.values
        let expectedH = zip(xv, hv).map { $0 + 2 * $1 }
        #expect(allClose(g[1].values, expectedH))
        let expectedX = zip(zip(xv, hv), expectedH).map { pair, dh in pair.1 + dh * (1 - pair.1 * pair.1) }
        #expect(allClose(g[0].values, expectedX))
    }

    @Test func unreachedTargetsGetZeros() {
        let x = Tensor([1, 2]).requiringGrad()
        let unused = Tensor([1, 2, 3], shape: [3, 1]).requiringGrad()
        let constant = Tensor([4, 5])
        let g = gradients(of: (x * 2).sum(), withRespectTo: [x, unused, constant])
        #expect(g[0].values == [2, 2])
        #expect(g[1].shape == [3, 1] && g[1].values == [0, 0, 0])
        #expect(g[2].values == [0, 0])
        let noHistory = gradients(of: constant.sum(), withRespectTo: [x])[0]
        #expect(noHistory.values == [0, 0])
    }

    @Test func withoutGradRecordsNothing() {
        let x = Tensor([1, 2]).requiringGrad()
        let y = withoutGrad { (x * x).exp().sum() }
        #expect(!y.requiresGrad)
        #expect(GradMode.isRecording)
        let nested = withoutGrad { withoutGrad { x * 2 } + x }
        #expect(!nested.requiresGrad)
        #expect((x * 2).requiresGrad)
        #expect(gradients(of: y, withRespectTo: [x])[0].values == [0, 0])
    }

    @Test func withoutGradOnOneTaskLeavesOthersRecording() async {
        let x = Tensor([1, 2]).requiringGrad()
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                withoutGrad {
                    var recorded = false
                    for _ in 0..<200 { recorded = recorded || (x * 2).requiresGrad }
                    return !recorded
                }
            }
            group.addTask {
                var recorded = true
                for _ in 0..<200 { recorded = recorded && (x * 2).requiresGrad }
                return recorded
            }
            for await ok in group { #expect(ok) }
        }
    }

    @Test func detachedStopsGradients() {
        let x = Tensor([1, 2, 3]).requiringGrad()
        let y = (x * x.detached()).sum()
        #expect(gradients(of: y, withRespectTo: [x])[0].values == [1, 2, 3])
        #expect(!x.detached().requiresGrad)
        #expect(x.detached().values == x.values)
    }

    @Test func nonScalarOutputTakesSeed() {
        let x = Tensor([1, 2, 3, 4], shape: [2, 2]).requiringGrad()
        let y = x.square()
        let seed = Tensor([1, 0, -1, 2], shape: [2, 2])
        let g = gradients(of: y, withRespectTo: [x], seed: seed)[0]
        #expect(g.values == [2, 0, -6, 16])
        let scalarSeed = gradients(of: (x * 3).sum(), withRespectTo: [x], seed: Tensor(scalar: 2))[0]
        #expect(scalarSeed.values == [6, 6, 6, 6])
    }

    @Test func intermediateTargetsAndValueAndGradient() {
        let x = Tensor([0.5, -1]).requiringGrad()
        let h = x * 3
        let y = h.square().sum()
        let g = gradients(of: y, withRespectTo: [h, x])
        #expect(g[0].values == [3, -6])
        #expect(g[1].values == [9, -18])
        let (value, grads) = valueAndGradient(at: [Tensor([2, 3])]) { ($0[0] * $0[0]).sum() }
        #expect(value.item == 13 && !value.requiresGrad)
        #expect(grads[0].values == [4, 6])
    }

    @Test func createGraphAllowsGradientsOfGradients() {
        let x = Tensor([1, 2]).requiringGrad()
        let y = x.pow(3).sum()
        let first = gradients(of: y, withRespectTo: [x], createGraph: true)[0]
        #expect(first.values == [3, 12])
        #expect(first.requiresGrad)
        let second = gradients(of: first.sum(), withRespectTo: [x])[0]
        #expect(second.values == [6, 12])
        let plain = gradients(of: y, withRespectTo: [x])[0]
        #expect(!plain.requiresGrad)
        // Inside withoutGrad, createGraph still records the backward pass.
        let inside = withoutGrad { gradients(of: y, withRespectTo: [x], createGraph: true)[0] }
        #expect(inside.requiresGrad)
    }

    @Test func graphsAreFreed() {
        weak var intermediate: Tensor?
        weak var gradient: Tensor?
        do {
            let x = Tensor([1, 2, 3]).requiringGrad()
            let h = x.tanh() * 2
            intermediate = h
            let loss = h.square().sum()
            let g = gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
            gradient = g
            #expect(intermediate != nil && gradient != nil)
            let second = gradients(of: g.sum(), withRespectTo: [x])[0]
            #expect(second.count == 3)
        }
        #expect(intermediate == nil)
        #expect(gradient == nil)
    }

    @Test func deepChainsDoNotOverflowTheStack() {
        weak var first: Tensor?
        do {
            let x = Tensor([0.5, -0.5]).requiringGrad()
            var h = x * 1
            first = h
            for _ in 0..<10_000 { h = h * 1.0001 }
            let g = gradients(of: h.sum(), withRespectTo: [x])[0]
            var expected: Float = 1
            for _ in 0..<10_000 { expected *= 1.0001 }
            #expect(allClose(g.values, [expected, expected], rtol: 1e-3))
        }
        #expect(first == nil)
    }

    @Test func longGraphsAreFreedWithoutRecursion() {
        // Releasing a chain this long one node inside another would overflow the call stack.
        weak var first: Tensor?
        do {
            let x = Tensor([0.5]).requiringGrad()
            var h = x + 0
            first = h
            for _ in 0..<100_000 { h = h + 1 }
            #expect(h.item == 100_000.5)
        }
        #expect(first == nil)
    }

    @Test func wganGradientPenaltyThroughLeakyRelu() {
        // D(x) = leakyRelu(x·W)·W2; the penalty is ‖∂D/∂x‖², differentiated with respect to W and W2.
        let x = CoreFixtures.uniform([3, 4], seed: 61)
        let w = CoreFixtures.uniform([4, 5], seed: 62)
        let w2 = CoreFixtures.uniform([5, 1], seed: 63)
        let critic: ([Tensor]) -> Tensor = { $0[0].matmul($0[1]).leakyRelu(negativeSlope: 0.2).matmul($0[2]) }
        #expect(secondOrderGradientError([x, w, w2], critic) < 2e-2)
        #expect(gradientError([x, w, w2], critic) < 1e-2)

        let xr = x.requiringGrad(), wr = w.requiringGrad(), w2r = w2.requiringGrad()
        let score = critic([xr, wr, w2r]).sum()
        let inputGrad = gradients(of: score, withRespectTo: [xr], createGraph: true)[0]
        let penalty = inputGrad.square().sum()
        let penaltyGrads = gradients(of: penalty, withRespectTo: [wr, w2r])
        #expect(penaltyGrads[0].values.contains { $0 != 0 })
        #expect(penaltyGrads[1].values.contains { $0 != 0 })
    }
}
