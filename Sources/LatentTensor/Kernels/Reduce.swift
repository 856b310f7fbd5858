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
                // Each row is folded in its own order; four rows at a time keep four independent chains busy.
                var o = range.lowerBound
                while o + 4 <= range.upperBound {
                    var acc0 = initial, acc1 = initial, acc2 = initial, acc3 = initial
                    let row0 = source + o * n, row1 = row0 + n, row2 = row1 + n, row3 = row2 + n
                    for j in 0..<n {
                        acc0 = combine(acc0, row0[j])
                        acc1 = combine(acc1, row1[j])
                        acc2 = combine(acc2, row2[j])
                        acc3 = combine(acc3, row3[j])
                    }
                    (target[o], target[o + 1], target[o + 2], target[o + 3]) = (acc0, acc1, acc2, acc3)
                    o += 4
                }
                for rest in o..<range.upperBound {
                    var acc = initial
                    let row = source + rest * n
                    for j in 0..<n { acc = combine(acc, row[j]) }
                    target[rest] = acc
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
