import Testing
@testable import LatentTensor
import LatentTestSupport

private func sample(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = RandomGenerator(seed: seed)
    return Tensor.uniform(shape, low: -1, high: 1, generator: &generator)
}

/// A convolution geometry from PyTorch-style arguments.
private func geometry(
    batch: Int, inChannels: Int, size: (Int, Int), outChannels: Int, kernel: (Int, Int), stride: (Int, Int),
    padding: (Int, Int), dilation: (Int, Int), groups: Int
) -> ConvGeometry {
    let outH = ConvGeometry.outputSize(
        input: size.0, kernel: kernel.0, stride: stride.0, padding: padding.0, dilation: dilation.0)
    let outW = ConvGeometry.outputSize(
        input: size.1, kernel: kernel.1, stride: stride.1, padding: padding.1, dilation: dilation.1)
    return ConvGeometry(
        batch: batch, inChannels: inChannels, inHeight: size.0, inWidth: size.1,
        outChannels: outChannels, outHeight: outH, outWidth: outW, kernelHeight: kernel.0, kernelWidth: kernel.1,
        strideH: stride.0, strideW: stride.1, padH: padding.0, padW: padding.1,
        dilationH: dilation.0, dilationW: dilation.1, groups: groups)
}

/// Whether `actual` matches `expected` to 1e-5 relative to the largest expected value.
private func matches(_ actual: Tensor?, _ expected: Tensor) -> Bool {
    guard let actual, actual.shape == expected.shape else { return false }
    let scale = expected.values.map { Swift.abs($0) }.max() ?? 0
    return allClose(actual.values, expected.values, rtol: 1e-5, atol: 1e-5 * Swift.max(scale, 1))
}

/// oneDNN's primitives (blocked and plain layouts) give the column-matrix kernels' values.
@Test(arguments: [
    geometry(batch: 3, inChannels: 2, size: (9, 8), outChannels: 5, kernel: (3, 3), stride: (1, 1),
             padding: (0, 0), dilation: (1, 1), groups: 1),
    geometry(batch: 2, inChannels: 4, size: (11, 10), outChannels: 6, kernel: (4, 3), stride: (2, 3),
             padding: (1, 2), dilation: (1, 1), groups: 2),
    geometry(batch: 2, inChannels: 3, size: (12, 13), outChannels: 4, kernel: (3, 2), stride: (2, 1),
             padding: (2, 1), dilation: (2, 3), groups: 1),
    geometry(batch: 4, inChannels: 6, size: (7, 7), outChannels: 6, kernel: (3, 3), stride: (1, 2),
             padding: (1, 1), dilation: (1, 2), groups: 3),
    geometry(batch: 5, inChannels: 8, size: (14, 14), outChannels: 16, kernel: (4, 4), stride: (2, 2),
             padding: (1, 1), dilation: (1, 1), groups: 1),
    geometry(batch: 2, inChannels: 3, size: (6, 5), outChannels: 4, kernel: (1, 1), stride: (1, 1),
             padding: (0, 0), dilation: (1, 1), groups: 1),
    geometry(batch: 3, inChannels: 32, size: (9, 10), outChannels: 48, kernel: (3, 3), stride: (2, 2),
             padding: (1, 1), dilation: (1, 1), groups: 2),
    geometry(batch: 2, inChannels: 16, size: (8, 8), outChannels: 16, kernel: (3, 2), stride: (1, 2),
             padding: (2, 0), dilation: (2, 1), groups: 1),
])
func oneDNNMatchesColumnKernels(_ g: ConvGeometry) {
    let x = sample(g.inputShape, seed: 1), weight = sample(g.weightShape, seed: 2)
    let bias = sample([g.outChannels], seed: 3), gy = sample(g.outputShape, seed: 4)
    let inputBias = sample([g.inChannels], seed: 5)
    #expect(matches(OneDNN.forward(x, weight, nil, g), Convolution.columnForward(x, weight, nil, g)))
    #expect(matches(OneDNN.forward(x, weight, bias, g), Convolution.columnForward(x, weight, bias, g)))
    #expect(matches(OneDNN.inputGradient(gy, weight, g), Convolution.columnInputGradient(gy, weight, nil, g)))
    #expect(matches(Convolution.inputGradient(gy, weight, inputBias, g),
                    Convolution.columnInputGradient(gy, weight, inputBias, g)))
    #expect(matches(OneDNN.weightGradient(x, gy, g), Convolution.columnWeightGradient(x, gy, g)))
}
