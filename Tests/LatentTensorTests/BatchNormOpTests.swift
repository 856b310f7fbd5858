import Testing
import LatentTensor
import LatentTestSupport

/// Batch normalization in training mode composed of differentiable ops, the reference for the fused op.
private func composedBatchNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float) -> Tensor {
    let axes = [0] + Array(2..<x.rank)
    let broadcast = [1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2)
    let centered = x - x.mean(axes: axes, keepDims: true)
    let variance = centered.square().mean(axes: axes, keepDims: true)
    let normalized = centered / (variance + eps).sqrt()
    return normalized * weight.reshaped(broadcast) + bias.reshaped(broadcast)
}

@Suite struct BatchNormOpTests {
    // Channel 0 holds 1, 2, 3, 6 (mean 3, biased variance 3.5); channel 1 holds 0, 0, 4, 4 (mean 2, variance 4).
    let small = Tensor([1, 0, 2, 0, 3, 4, 6, 4], shape: [4, 2])

    @Test func trainingModeMatchesHandComputedValues() {
        let (output, mean, variance) = small.batchNorm(weight: Tensor([2, 1]), bias: Tensor([0, 1]), eps: 0)
        let s: Float = 2 / Float(3.5).squareRoot()
        let expected: [Float] = [-2 * s, 0, -1 * s, 0, 0, 2, 3 * s, 2]
        #expect(output.shape == [4, 2])
        #expect(allClose(output.values, expected, rtol: 1e-6, atol: 1e-6))
        #expect(mean.shape == [2] && allClose(mean.values, [3, 2], rtol: 1e-7, atol: 0))
        #expect(variance.shape == [2] && allClose(variance.values, [3.5, 4], rtol: 1e-7, atol: 0))
        #expect(!mean.requiresGrad && !variance.requiresGrad)
        // Without weight and bias: (x − mean) / √(variance + 1e-5).
        let plain = small.batchNorm().output
        let r0: Float = 1 / (3.5 + 1e-5 as Float).squareRoot(), r1: Float = 1 / (4 + 1e-5 as Float).squareRoot()
        let expectedPlain: [Float] = [-2 * r0, -2 * r1, -1 * r0, -2 * r1, 0, 2 * r1, 3 * r0, 2 * r1]
        #expect(allClose(plain.values, expectedPlain, rtol: 1e-6, atol: 1e-6))
    }

    @Test func evaluationModeUsesGivenStatistics() {
        let output = small.batchNorm(runningMean: Tensor([1, 2]), runningVar: Tensor([4, 16]),
                                     weight: Tensor([2, 1]), bias: Tensor([0, 1]), eps: 0)
        // Channel 0: (x − 1) / 2 · 2; channel 1: (x − 2) / 4 + 1.
        #expect(allClose(output.values, [0, 0.5, 1, 0.5, 2, 1.5, 5, 1.5], rtol: 1e-6, atol: 1e-6))
        #expect(allClose(small.batchNorm(runningMean: Tensor([0, 0]), runningVar: Tensor([1, 1]), eps: 0).values, small.values))
    }

    @Test func statisticsStayAccurateForLargeMeans() {
        let values = (0..<4_000).map { Float(1_000) + Float($0 % 7) * 0.01 }
        let x = Tensor(values, shape: [40, 2, 50])
        let (_, mean, variance) = x.batchNorm()
        for c in 0..<2 {
            let channel = (0..<40).flatMap { n in (0..<50).map { Double(values[(n * 2 + c) * 50 + $0]) } }
            let exactMean = channel.reduce(0, +) / Double(channel.count)
            let exactVariance = channel.map { ($0 - exactMean) * ($0 - exactMean) }.reduce(0, +) / Double(channel.count)
            #expect(abs(Double(mean.values[c]) - exactMean) <= 1e-6 * exactMean)
            #expect(abs(Double(variance.values[c]) - exactVariance) <= 1e-4 * exactVariance)
        }
    }

    @Test func trainingModeGradientsMatchFiniteDifferences() {
        var generator = RandomGenerator(seed: 3)
        for shape in [[6, 3], [3, 2, 3, 2]] {
            let x = Tensor.randn(shape, generator: &generator)
            let weight = Tensor([1.5, 0.5, -0.8].prefix(shape[1]).map { $0 })
            let bias = Tensor([0.1, -0.2, 0.3].prefix(shape[1]).map { $0 })
            let error = gradientError([x, weight, bias]) { v in
                v[0].batchNorm(weight: v[1], bias: v[2]).output.tanh()
            }
            #expect(error < 1e-2, "shape \(shape)")
            let plainError = gradientError([x]) { v in v[0].batchNorm().output.tanh() }
            #expect(plainError < 1e-2, "shape \(shape)")
            let secondOrder = secondOrderGradientError([x, weight, bias]) { v in
                v[0].batchNorm(weight: v[1], bias: v[2]).output.tanh()
            }
            #expect(secondOrder < 2e-2, "shape \(shape)")
        }
    }

    @Test func evaluationModeGradientsMatchFiniteDifferences() {
        var generator = RandomGenerator(seed: 5)
        let x = Tensor.randn([3, 2, 2, 2], generator: &generator)
        let runningMean = Tensor([0.2, -0.4]), runningVar = Tensor([0.8, 1.7])
        let error = gradientError([x, Tensor([1.5, 0.5]), Tensor([0.1, -0.2])]) { v in
            v[0].batchNorm(runningMean: runningMean, runningVar: runningVar, weight: v[1], bias: v[2]).tanh()
        }
        #expect(error < 1e-2)
        let secondOrder = secondOrderGradientError([x, Tensor([1.5, 0.5]), Tensor([0.1, -0.2])]) { v in
            v[0].batchNorm(runningMean: runningMean, runningVar: runningVar, weight: v[1], bias: v[2]).tanh()
        }
        #expect(secondOrder < 2e-2)
    }

    @Test func fusedAndComposedFormsAgree() {
        var generator = RandomGenerator(seed: 9)
        let x = Tensor.randn([8, 16, 5, 5], mean: 0.5, std: 2, generator: &generator)
        let weight = Tensor.uniform([16], low: 0.5, high: 1.5, generator: &generator)
        let bias = Tensor.uniform([16], low: -0.5, high: 0.5, generator: &generator)
        let projection = Tensor.randn([8, 16, 5, 5], generator: &generator)
        let fused = valueAndGradient(at: [x, weight, bias]) { v in
            (v[0].batchNorm(weight: v[1], bias: v[2]).output * projection).sum()
        }
        let composed = valueAndGradient(at: [x, weight, bias]) { v in
            (composedBatchNorm(v[0], weight: v[1], bias: v[2], eps: 1e-5) * projection).sum()
        }
        let fusedOutput = x.batchNorm(weight: weight, bias: bias).output
        let composedOutput = composedBatchNorm(x, weight: weight, bias: bias, eps: 1e-5)
        #expect(allClose(fusedOutput.values, composedOutput.values, rtol: 1e-5, atol: 1e-5))
        for (a, b) in zip(fused.gradients, composed.gradients) {
            #expect(allClose(a.values, b.values, rtol: 1e-5, atol: 1e-5))
        }
        // The recorded backward pass (for gradients of gradients) gives the same gradients.
        let variables = [x, weight, bias].map { $0.requiringGrad() }
        let scalar = (variables[0].batchNorm(weight: variables[1], bias: variables[2]).output * projection).sum()
        let recorded = gradients(of: scalar, withRespectTo: variables, createGraph: true)
        for (a, b) in zip(recorded, composed.gradients) {
            #expect(allClose(a.values, b.values, rtol: 1e-5, atol: 1e-5))
        }
    }

    @Test func gradientsOnlyForInputsThatNeedThem() {
        let weight = Tensor([1.5, 0.5]).requiringGrad()
        let output = small.batchNorm(weight: weight, bias: Tensor([0, 1])).output
        let g = gradients(of: (output * output).sum(), withRespectTo: [weight])[0]
        // Σ x̂² per channel is the number of values (up to eps), so d/dw Σ (w x̂ + b)² = 2 Σ (w x̂ + b) x̂.
        #expect(allClose(g.values, [2 * 1.5 * 4, 2 * 0.5 * 4], rtol: 1e-4, atol: 1e-4))
    }
}
