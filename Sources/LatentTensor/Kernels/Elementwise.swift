/// Element-wise loops over contiguous values, split across threads for large tensors.
///
/// Each kernel is generic over its element function, so that it is compiled once per function with
/// the function inlined into the loop.
enum Elementwise {
    /// `f` applied to every value of `x`.
    @inline(__always)
    static func map<F: UnaryElementFunction>(_ x: Tensor, _ f: F) -> Tensor {
        let result = Tensor.uninitialized(x.shape)
        let source = x.storage.pointer, target = result.storage.pointer
        parallelChunks(x.count) { range in
            for i in range { target[i] = f(source[i]) }
        }
        return result
    }

    /// An array kernel of CLatentKernels (`kernel(x, y, count)` writes `count` values of `y` from those of
    /// `x`) applied to every value of `x`.
    static func map(
        _ x: Tensor, kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> Tensor {
        let result = Tensor.uninitialized(x.shape)
        let source = x.storage.pointer, target = result.storage.pointer
        parallelChunks(x.count) { range in
            kernel(source + range.lowerBound, target + range.lowerBound, range.count)
        }
        return result
    }

    /// An array kernel of CLatentKernels (`kernel(a, b, out, count)` writes `count` values of `out` from
    /// those of `a` and `b`) applied to the values of same-shaped tensors.
    static func zip(
        _ a: Tensor, _ b: Tensor,
        kernel: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> Tensor {
        precondition(a.shape == b.shape, "zip: shapes \(a.shape) and \(b.shape) differ")
        let result = Tensor.uninitialized(a.shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, target = result.storage.pointer
        parallelChunks(a.count) { range in
            let i = range.lowerBound
            kernel(pa + i, pb + i, target + i, range.count)
        }
        return result
    }

    /// An array kernel of CLatentKernels (`kernel(a, b, c, out, count)`) applied to the values of same-shaped tensors.
    static func zip3(
        _ a: Tensor, _ b: Tensor, _ c: Tensor,
        kernel: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape, "zip3: shapes \(a.shape), \(b.shape), \(c.shape) differ")
        let result = Tensor.uninitialized(a.shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, pc = c.storage.pointer, target = result.storage.pointer
        parallelChunks(a.count) { range in
            let i = range.lowerBound
            kernel(pa + i, pb + i, pc + i, target + i, range.count)
        }
        return result
    }

    /// `f` applied to pairs of values of `a` and `b`, broadcast together under PyTorch's rules.
    @inline(__always)
    static func zip<F: BinaryElementFunction>(_ a: Tensor, _ b: Tensor, op: String, _ f: F) -> Tensor {
        let pa = a.storage.pointer, pb = b.storage.pointer
        if a.shape == b.shape {
            let result = Tensor.uninitialized(a.shape)
            let target = result.storage.pointer
            parallelChunks(a.count) { range in
                row(f, target, pa, 1, pb, 1, range)
            }
            return result
        }
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        let result = Tensor.uninitialized(shape)
        let target = result.storage.pointer
        let walk = BroadcastWalk(
            shape: shape, a: Shape.broadcastStrides(a.shape, to: shape), b: Shape.broadcastStrides(b.shape, to: shape))
        let inner = walk.inner, ia = walk.innerA, ib = walk.innerB
        if walk.rows == 1 {
            parallelChunks(inner) { range in
                row(f, target, pa, ia, pb, ib, range)
            }
        } else {
            parallelChunks(walk.rows, grain: max(1, elementwiseGrain / max(inner, 1))) { range in
                walk.forEachRow(in: range) { index, oa, ob in
                    row(f, target + index * inner, pa + oa, ia, pb + ob, ib, 0..<inner)
                }
            }
        }
        return result
    }

    /// `f` applied to triples of values of same-shaped tensors.
    @inline(__always)
    static func zip3<F: TernaryElementFunction>(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: F) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape, "zip3: shapes \(a.shape), \(b.shape), \(c.shape) differ")
        let result = Tensor.uninitialized(a.shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, pc = c.storage.pointer, target = result.storage.pointer
        parallelChunks(a.count) { range in
            for i in range { target[i] = f(pa[i], pb[i], pc[i]) }
        }
        return result
    }

    /// `out[j] = f(a[j·strideA], b[j·strideB])` for `j` in `range`, where each stride is 0 or 1, and
    /// both are 0 only for the single value 0; each case is its own loop, so that it vectorizes.
    @inline(__always)
    private static func row<F: BinaryElementFunction>(
        _ f: F, _ out: UnsafeMutablePointer<Float>,
        _ a: UnsafeMutablePointer<Float>, _ strideA: Int, _ b: UnsafeMutablePointer<Float>, _ strideB: Int,
        _ range: Range<Int>
    ) {
        if strideA != 0 && strideB != 0 {
            for j in range { out[j] = f(a[j], b[j]) }
        } else if strideA != 0 {
            let scalar = b[0]
            for j in range { out[j] = f(a[j], scalar) }
        } else {
            let scalar = a[0]
            for j in range { out[j] = f(scalar, b[j]) }
        }
    }
}
