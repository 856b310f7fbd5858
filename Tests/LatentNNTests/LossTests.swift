import Testing
import LatentNN
import LatentTensor
import LatentTestSupport

// Hand-computed values (checked against torch.nn.functional 2.13) and finite-difference gradients.

private func expectClose(_ actual: Tensor, _ expected: [Float], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(allClose(actual.values, expected), "got \(actual.values), expected \(expected)", sourceLocation: sourceLocation)
}

@Test func mseAndL1Values() {
    let input = Tensor([1, 2, 3]), target = Tensor([1, 0, 0])
    // Squares [0, 4, 9]; absolute values [0, 2, 3].
    expectClose(mseLoss(input, target), [13.0 / 3.0])
    expectClose(mseLoss(input, target, reduction: .sum), [13])
    expectClose(mseLoss(input, target, reduction: .none), [0, 4, 9])
    expectClose(l1Loss(input, target), [5.0 / 3.0])
    expectClose(l1Loss(input, target, reduction: .sum), [5])
}

@Test func binaryCrossEntropyValues() {
    let p = Tensor([0.5, 0.8]), y = Tensor([1, 0])
    // −log 0.5 = 0.6931472, −log 0.2 = 1.6094379.
    expectClose(binaryCrossEntropy(p, y), [1.1512925])
    expectClose(binaryCrossEntropy(p, y, weight: Tensor([2, 1])), [1.4978662])
    expectClose(binaryCrossEntropy(p, y, reduction: .none), [0.6931472, 1.6094379])
    // Logs are clamped at −100, so certain mistakes cost 100, not infinity.
    expectClose(binaryCrossEntropy(Tensor([0, 1]), Tensor([1, 0]), reduction: .none), [100, 100])
}

@Test func binaryCrossEntropyWithLogitsValues() {
    let x = Tensor([0, 2]), y = Tensor([1, 0])
    // log 2 = 0.6931472; softplus(2) = 2.1269280.
    expectClose(binaryCrossEntropyWithLogits(x, y, reduction: .none), [0.6931472, 2.1269280])
    expectClose(binaryCrossEntropyWithLogits(x, y), [1.4100376])
    // posWeight 3 triples the positive term: 3·log 2; the negative term is unchanged.
    expectClose(binaryCrossEntropyWithLogits(x, y, posWeight: Tensor([3]), reduction: .none), [2.0794415, 2.1269280])
    // Large logits stay finite.
    expectClose(binaryCrossEntropyWithLogits(Tensor([100, -100]), Tensor([0, 1]), reduction: .none), [100, 100])
    // It agrees with the probability form.
    let logits = Tensor([-1.5, 0.3, 2.2]), targets = Tensor([0.2, 1, 0])
    expectClose(binaryCrossEntropyWithLogits(logits, targets), binaryCrossEntropy(logits.sigmoid(), targets).values)
}

@Test func crossEntropyValues() {
    let logits = Tensor([1, 2, 3], shape: [1, 3])
    // −log softmax(x)₂ = log(1 + e⁻¹ + e⁻²) = 0.4076059.
    expectClose(crossEntropy(logits, labels: [2]), [0.4076059])
    expectClose(crossEntropy(Tensor([0, 0, 0], shape: [1, 3]), labels: [1]), [1.0986123])
    // Smoothing 0.3: 0.7·0.4076059 + 0.3·mean([2.4076059, 1.4076059, 0.4076059]) = 0.7076059.
    expectClose(crossEntropy(logits, labels: [2], labelSmoothing: 0.3), [0.7076059])
    // Soft targets: 0.5·2.4076059 + 0.5·0.4076059.
    expectClose(crossEntropy(logits, probabilities: Tensor([0.5, 0, 0.5], shape: [1, 3])), [1.4076059])

    let batch = Tensor([1, 2, 3, 0.5, -1, 2], shape: [2, 3])
    let perSample = crossEntropy(batch, labels: [2, 0], labelSmoothing: 0.2, reduction: .none)
    #expect(perSample.shape == [2])
    expectClose(perSample, [0.6076059, 1.7413114])
    expectClose(crossEntropy(batch, labels: [2, 0], labelSmoothing: 0.2), [(0.6076059 + 1.7413114) / 2])
    expectClose(crossEntropy(batch, labels: [2, 0], labelSmoothing: 0.2, reduction: .sum), [0.6076059 + 1.7413114])
    let soft = Tensor([0.5, 0, 0.5, 0.2, 0.3, 0.5], shape: [2, 3])
    expectClose(crossEntropy(batch, probabilities: soft, labelSmoothing: 0.2, reduction: .none), [1.4076059, 1.5013113])
}

@Test func gaussianKLDivergenceValues() {
    // Terms: 1 + 0 − 1 − 1 = −1 and 1 + log 2 − 0 − 2 = log 2 − 1; KL = −½·(log 2 − 2) = 0.6534264.
    let mean = Tensor([1, 0]), logVariance = Tensor([0, 0.6931472])
    expectClose(gaussianKLDivergence(mean: mean, logVariance: logVariance), [0.6534264])
    // A standard normal has zero divergence; per sample, only the first row differs from one.
    let batchMean = Tensor([1, 0, 0, 0], shape: [2, 2])
    let perSample = gaussianKLDivergence(mean: batchMean, logVariance: Tensor.zeros([2, 2]), perSample: true)
    #expect(perSample.shape == [2])
    expectClose(perSample, [0.5, 0])
}

@Test func lossGradientsMatchFiniteDifferences() {
    let a = Tensor([0.3, -1.2, 0.8, 2.1, -0.4, 0.05], shape: [2, 3])
    let b = Tensor([-0.5, 0.7, 1.9, 0.2, -1.4, 0.6], shape: [2, 3])
    let probabilities = Tensor([0.2, 0.7, 0.45, 0.9, 0.15, 0.6], shape: [2, 3])
    let targets = Tensor([0, 1, 0.3, 1, 0.8, 0], shape: [2, 3])
    let soft = Tensor([0.2, 0.3, 0.5, 0.6, 0.1, 0.3], shape: [2, 3])
    let tolerance: Float = 2e-3

    #expect(gradientError([a, b]) { mseLoss($0[0], $0[1]) } < tolerance)
    #expect(gradientError([a, b]) { l1Loss($0[0], $0[1], reduction: .sum) } < tolerance)
    #expect(gradientError([probabilities, targets]) {
        binaryCrossEntropy($0[0], $0[1], weight: Tensor([1, 2, 0.5]))
    } < tolerance)
    #expect(gradientError([a, targets]) { binaryCrossEntropyWithLogits($0[0], $0[1], reduction: .none) } < tolerance)
    #expect(gradientError([a, targets, Tensor([2, 0.5, 3])]) {
        binaryCrossEntropyWithLogits($0[0], $0[1], weight: Tensor([1, 2], shape: [2, 1]), posWeight: $0[2])
    } < tolerance)
    #expect(gradientError([a]) { crossEntropy($0[0], labels: [2, 0], labelSmoothing: 0.1) } < tolerance)
    #expect(gradientError([a, soft]) { crossEntropy($0[0], probabilities: $0[1], reduction: .none) } < tolerance)
    #expect(gradientError([a, b]) { gaussianKLDivergence(mean: $0[0], logVariance: $0[1] * 0.5) } < tolerance)
    #expect(gradientError([a, b]) { gaussianKLDivergence(mean: $0[0], logVariance: $0[1] * 0.5, perSample: true) } < tolerance)
}

@Test func binaryCrossEntropySecondOrder() {
    let logits = Tensor([0.3, -1.2, 0.8, 2.1, -0.4, 0.05], shape: [2, 3])
    let targets = Tensor([0, 1, 0.3, 1, 0.8, 0], shape: [2, 3])
    #expect(secondOrderGradientError([logits, targets]) { binaryCrossEntropyWithLogits($0[0], $0[1]) } < 5e-3)
    #expect(secondOrderGradientError([logits, targets]) {
        binaryCrossEntropyWithLogits($0[0], $0[1], posWeight: Tensor([2, 0.5, 3]), reduction: .sum)
    } < 5e-3)
    let probabilities = Tensor([0.2, 0.7, 0.45, 0.9, 0.15, 0.6], shape: [2, 3])
    #expect(secondOrderGradientError([probabilities, targets], epsilon: 1e-3) {
        binaryCrossEntropy($0[0], $0[1])
    } < 5e-3)
}
