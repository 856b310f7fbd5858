/// Reductions of one axis, viewing a tensor as [outer, n, inner].
enum Reduce {
    /// The sizes before, along and after `axis`.
    static func split(_ shape: [Int], axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (Shape.count(Array(shape[..<axis])), shape[axis], Shape.count(Array(shape[(axis + 1)...])))
    }

    /// Folds `axis` with `combine`, starting each output at `initial`; the axis is kept with size 1.
    @inline(__always)
    static func fold<F: BinaryElementFunction>(
        _ x: Tensor, axis: Int, initial: Float, _ combine: F
    ) -> Tensor {
        var shape = x.shape
        let (outer, n, inner) = split(shape, axis: axis)
        shape[axis] = 1
        let result = Tensor.uninitialized(shape)
        let source = x.storage.pointer, target = result.storage.pointer
        if inner == 1 {
            parallelChunks(outer, grain: max(1, 16_384 / max(n, 1))) { range in
                for o in range {
                    var acc = initial
                    let row = source + o * n
                    for j in 0..<n { acc = combine(acc, row[j]) }
                    target[o] = acc
                }
            }
        } else {
            parallelChunks(outer, grain: max(1, 16_384 / max(n * inner, 1))) { range in
                for o in range {
                    let out = target + o * inner
                    out.update(repeating: initial, count: inner)
                    for j in 0..<n {
                        let row = source + (o * n + j) * inner
                        for k in 0..<inner { out[k] = combine(out[k], row[k]) }
                    }
                }
            }
        }
        return result
    }

    /// The index of the largest value along `axis` (the first, on ties); the axis is kept with size 1.
    static func argmax(_ x: Tensor, axis: Int) -> Tensor {
        var shape = x.shape
        let (outer, n, inner) = split(shape, axis: axis)
        shape[axis] = 1
        let result = Tensor.uninitialized(shape)
        let source = x.storage.pointer, target = result.storage.pointer
        for o in 0..<outer {
            for k in 0..<inner {
                var best = -Float.infinity, bestIndex = 0
                for j in 0..<n {
                    let value = source[(o * n + j) * inner + k]
                    if value > best || (value.isNaN && !best.isNaN) { best = value; bestIndex = j }
                }
                target[o * inner + k] = Float(bestIndex)
            }
        }
        return result
    }
}
