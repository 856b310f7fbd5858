/// Element-wise loops over contiguous values, split across threads for large tensors.
enum Elementwise {
    /// `f` applied to every value of `x`.
    @inline(__always)
    static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        let result = Tensor.uninitialized(x.shape)
        let source = x.storage.pointer, target = result.storage.pointer
        parallelChunks(x.count) { range in
            for i in range { target[i] = f(source[i]) }
        }
        return result
    }

    /// `f` applied to pairs of values of `a` and `b`, broadcast together under PyTorch's rules.
    @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, op: String, _ f: (Float, Float) -> Float) -> Tensor {
        let pa = a.storage.pointer, pb = b.storage.pointer
        if a.shape == b.shape {
            let result = Tensor.uninitialized(a.shape)
            let target = result.storage.pointer
            parallelChunks(a.count) { range in
                for i in range { target[i] = f(pa[i], pb[i]) }
            }
            return result
        }
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        let result = Tensor.uninitialized(shape)
        let target = result.storage.pointer
        if b.count == 1 {
            let scalar = pb[0]
            parallelChunks(result.count) { range in
                for i in range { target[i] = f(pa[i], scalar) }
            }
            return result
        }
        if a.count == 1 {
            let scalar = pa[0]
            parallelChunks(result.count) { range in
                for i in range { target[i] = f(scalar, pb[i]) }
            }
            return result
        }
        // General case: view both as rank-5 with broadcast strides; the last axis is the inner loop.
        let padded = [Int](repeating: 1, count: Shape.maxRank - shape.count) + shape
        let sa = [Int](repeating: 0, count: Shape.maxRank - shape.count) + Shape.broadcastStrides(a.shape, to: shape)
        let sb = [Int](repeating: 0, count: Shape.maxRank - shape.count) + Shape.broadcastStrides(b.shape, to: shape)
        let inner = padded[4], rows = padded[0] * padded[1] * padded[2] * padded[3]
        let ia = sa[4], ib = sb[4]
        parallelChunks(rows, grain: max(1, 32_768 / max(inner, 1))) { range in
            for row in range {
                var rest = row
                let i3 = rest % padded[3]; rest /= padded[3]
                let i2 = rest % padded[2]; rest /= padded[2]
                let i1 = rest % padded[1]; let i0 = rest / padded[1]
                let oa = i0 * sa[0] + i1 * sa[1] + i2 * sa[2] + i3 * sa[3]
                let ob = i0 * sb[0] + i1 * sb[1] + i2 * sb[2] + i3 * sb[3]
                let out = target + row * inner
                if ia == 1 && ib == 0 {
                    let scalar = pb[ob]
                    for j in 0..<inner { out[j] = f(pa[oa + j], scalar) }
                } else if ia == 0 && ib == 1 {
                    let scalar = pa[oa]
                    for j in 0..<inner { out[j] = f(scalar, pb[ob + j]) }
                } else {
                    for j in 0..<inner { out[j] = f(pa[oa + j * ia], pb[ob + j * ib]) }
                }
            }
        }
        return result
    }

    /// `f` applied to triples of values of same-shaped tensors.
    @inline(__always)
    static func zip3(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape, "zip3: shapes \(a.shape), \(b.shape), \(c.shape) differ")
        let result = Tensor.uninitialized(a.shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, pc = c.storage.pointer, target = result.storage.pointer
        parallelChunks(a.count) { range in
            for i in range { target[i] = f(pa[i], pb[i], pc[i]) }
        }
        return result
    }
}
