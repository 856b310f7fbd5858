import Testing
import LatentTensor

/// Broadcast element-wise kernels against a plain loop over multi-indices, for the layouts the
/// kernels treat separately (merged axes, one value per row, both inputs broadcast, rows split
/// across threads).
@Suite struct BroadcastKernelTests {
    /// `a − b` (not symmetric, so swapped operands show) computed one output index at a time.
    private func reference(_ a: Tensor, _ b: Tensor, shape: [Int]) -> [Float] {
        let av = a.values, bv = b.values
        func offset(_ index: [Int], _ own: [Int]) -> Int {
            var result = 0, stride = 1
            for axis in own.indices.reversed() {
                let outAxis = axis + shape.count - own.count
                if own[axis] != 1 { result += index[outAxis] * stride }
                stride *= own[axis]
            }
            return result
        }
        var values: [Float] = []
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<shape.reduce(1, *) {
            values.append(av[offset(index, a.shape)] - bv[offset(index, b.shape)])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return values
    }

    private func withThreads<R>(_ count: Int, _ body: () -> R) -> R {
        let saved = Threads.count
        Threads.set(count)
        defer { Threads.set(saved) }
        return body()
    }

    @Test(arguments: [
        ([4, 3, 5, 6], [1, 3, 1, 1]),          // per-channel, as bias and batch norm
        ([1, 3, 1, 1], [4, 3, 5, 6]),
        ([4, 3, 5, 6], [4, 3, 1, 1]),          // one value per plane
        ([4, 3, 5, 6], [1, 3, 5, 6]),          // same rows, batch broadcast
        ([4, 3, 5, 6], [6]),                   // trailing row
        ([4, 1, 5, 1], [1, 3, 1, 6]),          // both broadcast, alternating
        ([2, 3, 1, 4, 5], [2, 1, 6, 4, 1]),    // rank 5
        ([3, 1], [1, 4]),
        ([1, 5], [5]),                         // same values, different ranks
        ([2, 3], [1, 1, 1]),                   // scalar of higher rank
        ([], [2, 3]),
        ([2, 0, 3], [1, 1, 3]),                // empty
        ([64, 32, 7, 7], [1, 32, 1, 1]),       // rows split across threads
        ([64, 32, 7, 7], [64, 1, 7, 7]),
        ([300, 257], [300, 1]),
        ([1, 100_000], [2, 1]),
        ([2, 100_000], [1]),                   // one row, split across threads
        ([1], [2, 100_000]),
        ([70_000], [1, 70_000]),
    ])
    func subtractionMatchesPlainLoop(shapeA: [Int], shapeB: [Int]) {
        let a = CoreFixtures.uniform(shapeA, seed: 3)
        let b = CoreFixtures.uniform(shapeB, seed: 4)
        let shape = Shape.broadcast(shapeA, shapeB, op: "test")
        let expected = reference(a, b, shape: shape)
        for threads in [1, 2] {
            let result = withThreads(threads) { a - b }
            #expect(result.shape == shape)
            #expect(result.values == expected)
        }
    }

    @Test func comparisonsAndMaximumBroadcast() {
        let a = Tensor([1, 5, 3, 4, 2, 6], shape: [2, 3])
        let b = Tensor([3, 3, 3], shape: [1, 3])
        #expect(a.greater(b).values == [0, 1, 0, 1, 0, 1])
        #expect(a.lessEqual(b).values == [1, 0, 1, 0, 1, 0])
        #expect(a.equal(b).values == [0, 0, 1, 0, 0, 0])
        #expect(a.maximum(b).values == [3, 5, 3, 4, 3, 6])
        #expect(Tensor.where(a.greater(b), a, b).values == [3, 5, 3, 4, 3, 6])
    }
}
