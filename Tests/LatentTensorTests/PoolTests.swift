import Testing
@testable import LatentTensor
import LatentTestSupport

private func sample(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = RandomGenerator(seed: seed)
    return Tensor.uniform(shape, low: -1, high: 1, generator: &generator)
}

private let nine = Tensor((1...9).map(Float.init), shape: [1, 1, 3, 3])

@Test func avgPoolHandComputed() {
    let x = Tensor((0..<16).map(Float.init), shape: [1, 1, 4, 4])
    #expect(x.avgPool2d(kernelSize: (2, 2)).values == [2.5, 4.5, 10.5, 12.5])
    let included = nine.avgPool2d(kernelSize: (3, 3), stride: (2, 2), padding: (1, 1))
    #expect(allClose(included.values, [12, 16, 24, 28].map { $0 / 9 }))
    let excluded = nine.avgPool2d(kernelSize: (3, 3), stride: (2, 2), padding: (1, 1), countIncludePad: false)
    #expect(allClose(excluded.values, [3, 4, 6, 7]))
    #expect(Tensor.zeros([2, 3, 7, 6]).avgPool2d(kernelSize: (3, 2), stride: (2, 1), padding: (1, 1)).shape == [2, 3, 4, 7])
}

@Test func maxPoolHandComputed() {
    let y = nine.maxPool2d(kernelSize: (3, 3), stride: (2, 2), padding: (1, 1))
    #expect(y.values == [5, 6, 8, 9])
    let x = Tensor([1, 3, 2, 0, -1, 3, 5, 4], shape: [1, 1, 2, 4]).requiringGrad()
    let pooled = x.maxPool2d(kernelSize: (2, 2))
    #expect(pooled.values == [3, 5])
    // Ties go to the first maximal position.
    #expect(gradients(of: pooled.sum(), withRespectTo: [x])[0].values == [0, 1, 0, 0, 0, 0, 1, 0])
}

@Test func adaptiveAvgPoolHandComputed() {
    #expect(allClose(nine.adaptiveAvgPool2d(outputSize: (2, 2)).values, [3, 4, 6, 7]))
    #expect(allClose(nine.adaptiveAvgPool2d(outputSize: (1, 1)).values, [5]))
    #expect(Tensor.zeros([2, 3, 7, 5]).adaptiveAvgPool2d(outputSize: (3, 4)).shape == [2, 3, 3, 4])
}

@Test func upsampleHandComputed() {
    let x = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
    #expect(x.upsampleNearest2d(scaleFactor: (2, 1)).values == [1, 2, 1, 2, 3, 4, 3, 4])
    let bilinear = x.upsampleBilinear2d(outputSize: (4, 4))
    let expected: [Float] = [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]
    #expect(allClose(bilinear.values, expected))
    #expect(allClose(x.upsampleBilinear2d(outputSize: (2, 2)).values, x.values))
}

@Test func poolingGradients() {
    let x = sample([2, 2, 5, 6], seed: 1)
    let ops: [(String, (Tensor) -> Tensor)] = [
        ("avg", { $0.avgPool2d(kernelSize: (2, 2)) }),
        ("avg strided padded", { $0.avgPool2d(kernelSize: (3, 2), stride: (2, 1), padding: (1, 1)) }),
        ("avg exclude pad", { $0.avgPool2d(kernelSize: (3, 3), stride: (2, 2), padding: (1, 1), countIncludePad: false) }),
        ("max", { $0.maxPool2d(kernelSize: (2, 2)) }),
        ("max strided padded", { $0.maxPool2d(kernelSize: (3, 2), stride: (2, 1), padding: (1, 1)) }),
        ("adaptive", { $0.adaptiveAvgPool2d(outputSize: (3, 4)) }),
        ("global", { $0.adaptiveAvgPool2d(outputSize: (1, 1)) }),
        ("nearest", { $0.upsampleNearest2d(scaleFactor: (2, 3)) }),
        ("bilinear up", { $0.upsampleBilinear2d(outputSize: (8, 9)) }),
        ("bilinear down", { $0.upsampleBilinear2d(outputSize: (3, 4)) }),
    ]
    for (name, op) in ops {
        #expect(gradientError([x], epsilon: 1e-3) { op($0[0]) } < 1e-2, "\(name)")
        #expect(secondOrderGradientError([x], epsilon: 1e-3) { op($0[0]).square() } < 2e-2, "\(name)")
    }
}
