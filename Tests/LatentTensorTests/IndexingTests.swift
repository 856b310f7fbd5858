import Testing
@testable import LatentTensor
import LatentTestSupport

/// 0, 1, 2, … in the given shape.
private func counting(_ shape: [Int]) -> Tensor {
    Tensor((0..<Shape.count(shape)).map { Float($0) }, shape: shape)
}

/// Values without pattern, for gradient checks.
private func irregular(_ shape: [Int]) -> Tensor {
    Tensor((0..<Shape.count(shape)).map { i -> Float in
        let phase = Float(i) * 0.9 + 0.2
        return phase.truncatingRemainder(dividingBy: 1.7) - 0.8
    }, shape: shape)
}

@Test func gatherLikeTorch() {
    let x = Tensor([1, 2, 3, 4], shape: [2, 2]).requiringGrad()
    let indices = Tensor([0, 0, 1, 0], shape: [2, 2])
    let y = x.gather(axis: 1, indices: indices)
    #expect(y.values == [1, 1, 4, 3])
    let g = gradients(of: y.sum(), withRespectTo: [x])[0]
    #expect(g.values == [2, 0, 1, 1])
    // Indices smaller than the data in the other axis.
    let picked = counting([3, 4]).gather(axis: 0, indices: Tensor([2, 0, 1, 0, 2, 2], shape: [2, 3]))
    #expect(picked.shape == [2, 3])
    #expect(picked.values == [8, 1, 6, 0, 9, 10])
    let lastAxis = counting([2, 3, 4]).gather(axis: -1, indices: Tensor([3, 0, 1, 1], shape: [2, 1, 2]))
    #expect(lastAxis.values == [3, 0, 13, 13])
}

@Test func gatherGradients() {
    let indices = Tensor([2, 0, 1, 1, 0, 2, 2, 2, 0, 1, 0, 0], shape: [2, 3, 2])
    #expect(gradientError([irregular([2, 3, 3])]) { $0[0].gather(axis: 1, indices: indices) } < 1e-2)
    #expect(gradientError([irregular([3, 3, 2])]) { $0[0].gather(axis: 2, indices: Tensor([1, 0, 0, 1, 1, 1], shape: [3, 1, 2])) } < 1e-2)
    #expect(secondOrderGradientError([irregular([2, 3, 3])]) { $0[0].gather(axis: 1, indices: indices).square() } < 1e-2)
}

@Test func indexSelectPicksSlices() {
    let x = counting([3, 4])
    let rows = x.indexSelect(axis: 0, indices: [2, 0, 2])
    #expect(rows.shape == [3, 4])
    #expect(rows.values == [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11])
    let columns = x.indexSelect(axis: -1, indices: [3, 1])
    #expect(columns.shape == [3, 2])
    #expect(columns.values == [3, 1, 7, 5, 11, 9])
    #expect(x.indexSelect(axis: 0, indices: []).shape == [0, 4])
    let v = x.requiringGrad()
    let g = gradients(of: v.indexSelect(axis: 0, indices: [2, 0, 2]).sum(), withRespectTo: [v])[0]
    #expect(g.values == [1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2])
    #expect(gradientError([irregular([2, 4, 3])]) { $0[0].indexSelect(axis: 1, indices: [3, 3, 0, 1, 3]) } < 1e-2)
    #expect(secondOrderGradientError([irregular([4, 2])]) { $0[0].indexSelect(axis: 0, indices: [1, 1, 3]).tanh() } < 1e-2)
}

@Test func oneHotRows() {
    let encoded = Tensor.oneHot([2, 0, 1], classes: 3)
    #expect(encoded.shape == [3, 3])
    #expect(encoded.values == [0, 0, 1, 1, 0, 0, 0, 1, 0])
    #expect(!encoded.requiresGrad)
    #expect(Tensor.oneHot([], classes: 4).shape == [0, 4])
}
