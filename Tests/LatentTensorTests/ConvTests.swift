import Testing
@testable import LatentTensor
import LatentTestSupport

private func sample(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = RandomGenerator(seed: seed)
    return Tensor.uniform(shape, low: -1, high: 1, generator: &generator)
}

@Test func conv2dHandComputedStrideAndPadding() {
    let x = Tensor((1...9).map(Float.init), shape: [1, 1, 3, 3])
    let w = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
    let y = x.conv2d(weight: w, bias: Tensor([0.5]), stride: (2, 2), padding: (1, 1))
    #expect(y.shape == [1, 1, 2, 2])
    #expect(y.values == [4.5, 18.5, 36.5, 77.5])
}

@Test func convTranspose2dHandComputed() {
    let x = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
    let w = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
    let overlapping = x.convTranspose2d(weight: w)
    #expect(overlapping.shape == [1, 1, 3, 3])
    #expect(overlapping.values == [1, 4, 4, 6, 20, 16, 9, 24, 16])
    let strided = x.convTranspose2d(weight: w, bias: Tensor([1]), stride: (2, 2))
    #expect(strided.shape == [1, 1, 4, 4])
    #expect(strided.values == [1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16].map { $0 + 1 })
}

@Test func convOutputShapes() {
    let x = Tensor.zeros([2, 3, 10, 9])
    let y = x.conv2d(weight: Tensor.zeros([4, 3, 3, 2]), stride: (2, 1), padding: (1, 0), dilation: (2, 3))
    #expect(y.shape == [2, 4, 4, 6])
    let grouped = Tensor.zeros([2, 6, 7, 7]).conv2d(weight: Tensor.zeros([4, 3, 3, 3]), groups: 2)
    #expect(grouped.shape == [2, 4, 5, 5])
    let t = Tensor.zeros([2, 4, 5, 6]).convTranspose2d(
        weight: Tensor.zeros([4, 3, 3, 3]), stride: (2, 3), padding: (1, 0), outputPadding: (1, 2),
        dilation: (1, 2), groups: 2)
    #expect(t.shape == [2, 6, 10, 22])
    let dcgan = Tensor.zeros([1, 128, 7, 7]).convTranspose2d(
        weight: Tensor.zeros([128, 64, 4, 4]), stride: (2, 2), padding: (1, 1))
    #expect(dcgan.shape == [1, 64, 14, 14])
}

/// Argument combinations for the gradient checks: (input shape, weight shape, stride, padding, dilation, groups).
private let convCases: [([Int], [Int], (Int, Int), (Int, Int), (Int, Int), Int)] = [
    ([2, 2, 5, 5], [3, 2, 3, 3], (1, 1), (0, 0), (1, 1), 1),
    ([1, 2, 6, 5], [2, 2, 2, 3], (2, 1), (1, 2), (1, 1), 1),
    ([3, 1, 7, 6], [2, 1, 3, 2], (1, 2), (2, 1), (2, 2), 1),
    ([2, 4, 5, 5], [6, 2, 3, 3], (2, 2), (1, 1), (1, 1), 2),
    ([2, 2, 4, 4], [2, 1, 1, 1], (1, 1), (0, 0), (1, 1), 2),
]

@Test func conv2dGradients() {
    for (index, (xShape, wShape, stride, padding, dilation, groups)) in convCases.enumerated() {
        let x = sample(xShape, seed: UInt64(index)), w = sample(wShape, seed: 100 + UInt64(index))
        let b = sample([wShape[0]], seed: 200)
        let error = gradientError([x, w, b]) {
            $0[0].conv2d(weight: $0[1], bias: $0[2], stride: stride, padding: padding, dilation: dilation, groups: groups)
        }
        #expect(error < 1e-2, "case \(index)")
    }
}

@Test func convTranspose2dGradients() {
    let cases: [([Int], [Int], (Int, Int), (Int, Int), (Int, Int), (Int, Int), Int)] = [
        ([2, 2, 3, 3], [2, 3, 3, 3], (1, 1), (0, 0), (0, 0), (1, 1), 1),
        ([1, 2, 3, 4], [2, 2, 4, 4], (2, 2), (1, 1), (0, 0), (1, 1), 1),
        ([2, 1, 3, 3], [1, 2, 3, 2], (2, 3), (1, 0), (1, 2), (1, 2), 1),
        ([2, 4, 3, 3], [4, 2, 2, 3], (2, 1), (0, 1), (1, 0), (1, 1), 2),
    ]
    for (index, (xShape, wShape, stride, padding, outputPadding, dilation, groups)) in cases.enumerated() {
        let x = sample(xShape, seed: UInt64(index)), w = sample(wShape, seed: 100 + UInt64(index))
        let b = sample([wShape[1] * groups], seed: 200)
        let error = gradientError([x, w, b]) {
            $0[0].convTranspose2d(weight: $0[1], bias: $0[2], stride: stride, padding: padding,
                                  outputPadding: outputPadding, dilation: dilation, groups: groups)
        }
        #expect(error < 1e-2, "case \(index)")
    }
}

@Test func convSecondOrderGradients() {
    let x = sample([2, 2, 5, 4], seed: 1), w = sample([4, 1, 3, 2], seed: 2)
    let conv: ([Tensor]) -> Tensor = {
        $0[0].conv2d(weight: $0[1], stride: (2, 1), padding: (1, 1), dilation: (1, 2), groups: 2).tanh()
    }
    #expect(secondOrderGradientError([x, w], conv) < 2e-2)
    #expect(secondOrderGradientError([w, x]) { conv([$0[1], $0[0]]) } < 2e-2)

    let t = sample([2, 2, 3, 3], seed: 3), v = sample([2, 3, 3, 3], seed: 4)
    let transposed: ([Tensor]) -> Tensor = {
        $0[0].convTranspose2d(weight: $0[1], stride: (2, 2), padding: (1, 1), outputPadding: (1, 1)).tanh()
    }
    #expect(secondOrderGradientError([t, v], transposed) < 2e-2)
    #expect(secondOrderGradientError([v, t]) { transposed([$0[1], $0[0]]) } < 2e-2)
}

@Test func convTransposeIsConvInputGradient() {
    let x = sample([2, 4, 9, 8], seed: 5), w = sample([6, 2, 3, 4], seed: 6)
    let y = x.requiringGrad().conv2d(weight: w, stride: (2, 3), padding: (1, 2), dilation: (2, 1), groups: 2)
    let g = sample(y.shape, seed: 7)
    let xVar = x.requiringGrad()
    let out = xVar.conv2d(weight: w, stride: (2, 3), padding: (1, 2), dilation: (2, 1), groups: 2)
    let inputGrad = gradients(of: out, withRespectTo: [xVar], seed: g)[0]
    // Output padding recovers the rows and columns the strided convolution dropped.
    let transposed = g.convTranspose2d(weight: w, stride: (2, 3), padding: (1, 2), outputPadding: (0, 2),
                                       dilation: (2, 1), groups: 2)
    #expect(transposed.shape == x.shape)
    #expect(allClose(transposed.values, inputGrad.values))
}

@Test func convBlocksMatchSingleImages() {
    // Large enough images that the batch is split into blocks of two and one.
    let x = sample([3, 16, 56, 56], seed: 8), w = sample([4, 16, 3, 3], seed: 9), b = sample([4], seed: 10)
    #expect(Convolution.blockSize(
        ConvGeometry(batch: 3, inChannels: 16, inHeight: 56, inWidth: 56, outChannels: 4, outHeight: 56, outWidth: 56,
                     kernelHeight: 3, kernelWidth: 3, strideH: 1, strideW: 1, padH: 1, padW: 1,
                     dilationH: 1, dilationW: 1, groups: 1)) == 2)
    let (y, grads) = valueAndGradient(at: [x, w, b]) { ($0[0].conv2d(weight: $0[1], bias: $0[2], padding: (1, 1)) * $0[0].detached().sum()).sum() }
    _ = y
    var weightGrad = [Float](repeating: 0, count: w.count)
    var inputGrad: [Float] = []
    let total = x.sum().item
    for image in 0..<3 {
        let one = Tensor(Array(x.values[(image * x.count / 3)..<((image + 1) * x.count / 3)]), shape: [1, 16, 56, 56])
        let single = valueAndGradient(at: [one, w]) { ($0[0].conv2d(weight: $0[1], bias: b, padding: (1, 1)) * total).sum() }
        inputGrad += single.gradients[0].values
        for i in 0..<weightGrad.count { weightGrad[i] += single.gradients[1].values[i] }
    }
    #expect(allClose(grads[0].values, inputGrad, rtol: 1e-3, atol: 1e-2))
    #expect(allClose(grads[1].values, weightGrad, rtol: 1e-3, atol: 1e-1))
}
