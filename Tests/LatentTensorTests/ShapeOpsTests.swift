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
        let phase = Float(i) * 0.7 + 0.3
        return phase.truncatingRemainder(dividingBy: 2.1) - 1
    }, shape: shape)
}

@Test func sliceWithStepAndPartialRanges() {
    let x = counting([2, 10])
    let y = x.slice(axis: 1, range: 2..<8, step: 2)
    #expect(y.shape == [2, 3])
    #expect(y.values == [2, 4, 6, 12, 14, 16])
    #expect(x.slice(axis: -1, range: 7...).values == [7, 8, 9, 17, 18, 19])
    #expect(x.slice(axis: 0, range: ..<1).values == Array((0..<10).map { Float($0) }))
    #expect(x.slice(axis: 1, range: 1..<10, step: 4).values == [1, 5, 9, 11, 15, 19])
    #expect(x.slice(axis: 1, range: 3..<3).shape == [2, 0])
    let z = counting([2, 3, 4]).slice(axis: 1, range: 1...2)
    #expect(z.shape == [2, 2, 4])
    #expect(z.values == [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23])
}

@Test func sliceGradientScattersBack() {
    let x = counting([2, 5]).requiringGrad()
    let g = gradients(of: x.slice(axis: 1, range: 1..<5, step: 2).sum(), withRespectTo: [x])[0]
    #expect(g.values == [0, 1, 0, 1, 0, 0, 1, 0, 1, 0])
    #expect(gradientError([irregular([3, 4, 5])]) { $0[0].slice(axis: 1, range: 1..<4, step: 2) } < 1e-2)
    #expect(gradientError([irregular([3, 4, 5])]) { $0[0].slice(axis: 2, range: 0..<5, step: 3) } < 1e-2)
    #expect(secondOrderGradientError([irregular([3, 6])]) { $0[0].slice(axis: 1, range: 1..<6, step: 2).square() } < 1e-2)
}

@Test func concatenateAndStack() {
    let a = counting([2, 2]), b = counting([2, 1]) + 10
    let rows = Tensor.concatenated([a, counting([1, 2]) + 10], axis: 0)
    #expect(rows.shape == [3, 2])
    #expect(rows.values == [0, 1, 2, 3, 10, 11])
    let columns = Tensor.concatenated([a, b], axis: -1)
    #expect(columns.shape == [2, 3])
    #expect(columns.values == [0, 1, 10, 2, 3, 11])
    let stacked = Tensor.stacked([a, a + 4], axis: 1)
    #expect(stacked.shape == [2, 2, 2])
    #expect(stacked.values == [0, 1, 4, 5, 2, 3, 6, 7])
    let last = Tensor.stacked([Tensor([1, 2]), Tensor([3, 4]), Tensor([5, 6])], axis: -1)
    #expect(last.shape == [2, 3])
    #expect(last.values == [1, 3, 5, 2, 4, 6])
}

@Test func concatenateAndStackGradients() {
    let inputs = [irregular([2, 3, 2]), irregular([2, 1, 2]) * 2, irregular([2, 4, 2]) - 0.5]
    #expect(gradientError(inputs) { Tensor.concatenated($0, axis: 1) } < 1e-2)
    #expect(gradientError([irregular([3, 2]), irregular([3, 2]) + 1]) { Tensor.stacked($0, axis: 2) } < 1e-2)
    #expect(secondOrderGradientError([irregular([2, 3]), irregular([2, 2])]) {
        Tensor.concatenated([$0[0], $0[1]], axis: 1).square() * Tensor.concatenated([$0[1], $0[0]], axis: 1)
    } < 1e-2)
}

@Test func splitAndChunk() {
    let x = counting([2, 5])
    let parts = x.split(sizes: [1, 3, 1], axis: 1)
    #expect(parts.map(\.shape) == [[2, 1], [2, 3], [2, 1]])
    #expect(parts[1].values == [1, 2, 3, 6, 7, 8])
    #expect(parts[2].values == [4, 9])
    let chunks = x.chunked(3, axis: 1)
    #expect(chunks.map(\.shape) == [[2, 2], [2, 2], [2, 1]])
    #expect(chunks[0].values == [0, 1, 5, 6])
    #expect(counting([6]).chunked(4).map(\.shape) == [[2], [2], [2]])
    #expect(counting([2]).chunked(5).map(\.shape) == [[1], [1]])
    #expect(gradientError([irregular([3, 5])]) { v in
        let pieces = v[0].split(sizes: [2, 3], axis: 1)
        return pieces[0].sum(axis: 1, keepDims: true) * pieces[1]
    } < 1e-2)
    #expect(gradientError([irregular([5, 2])]) { v in
        let pieces = v[0].chunked(2, axis: 0)
        return pieces[0] * pieces[0].sum() + pieces[1].sum()
    } < 1e-2)
}

@Test func padConstantLikePyTorch() {
    let x = Tensor([1, 2, 3, 4], shape: [2, 2])
    let last = x.padded([1, 2])
    #expect(last.shape == [2, 5])
    #expect(last.values == [0, 1, 2, 0, 0, 0, 3, 4, 0, 0])
    let both = x.padded([0, 1, 1, 0], value: -1)
    #expect(both.shape == [3, 3])
    #expect(both.values == [-1, -1, -1, 1, 2, -1, 3, 4, -1])
    #expect(x.padded([]).values == x.values)
    #expect(gradientError([irregular([2, 3, 4])]) { $0[0].padded([1, 0, 2, 1, 1, 1], value: 0.5) } < 1e-2)
    #expect(secondOrderGradientError([irregular([3, 3])]) { $0[0].padded([1, 1, 0, 2]).tanh() } < 1e-2)
}

@Test func expandBroadcastsWithoutZeros() {
    #expect(Tensor([1, 2, 3]).expand(to: [2, 3]).values == [1, 2, 3, 1, 2, 3])
    #expect(Tensor([1, 2], shape: [2, 1]).expand(to: [2, 3]).values == [1, 1, 1, 2, 2, 2])
    #expect(Tensor(scalar: 5).expand(to: [2, 2]).values == [5, 5, 5, 5])
    let middle = Tensor([1, 2, 3, 4], shape: [2, 1, 2]).expand(to: [3, 2, 2, 2])
    #expect(middle.shape == [3, 2, 2, 2])
    #expect(Array(middle.values.prefix(8)) == [1, 2, 1, 2, 3, 4, 3, 4])
    #expect(middle.values.count == 24)
    #expect(gradientError([irregular([3, 1, 2])]) { $0[0].expand(to: [2, 3, 4, 2]) } < 1e-2)
}
