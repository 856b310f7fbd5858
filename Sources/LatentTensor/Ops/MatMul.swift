// Matrix products: rank-2 and batched (leading axes broadcast), with transposes folded into the BLAS call.

extension Tensor {
    /// The matrix product over the last two axes, as `torch.matmul` for rank ≥ 2 operands.
    public func matmul(_ other: Tensor) -> Tensor {
        Tensor.matmul(self, other, transposeA: false, transposeB: false)
    }

    /// `op(a) · op(b)` where op transposes the last two axes when asked; batch axes broadcast.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul: operands need rank ≥ 2, got shapes \(a.shape) and \(b.shape)")
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == k2, "matmul: inner sizes differ for shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "") (\(k) vs \(k2))")
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = Shape.broadcast(batchA, batchB, op: "matmul")
        let result = Tensor.uninitialized(batch + [m, n])
        let batches = Shape.count(batch)
        // Batch shapes with as many matrices as the broadcast one differ from it only by leading 1s.
        let aFull = Shape.count(batchA) == batches
        let bFull = Shape.count(batchB) == batches
        let aStride = Shape.count(batchA) == 1 ? 0 : m * k
        let bStride = Shape.count(batchB) == 1 ? 0 : k * n
        precondition((aFull || aStride == 0) && (bFull || bStride == 0),
                     "matmul: batch shapes \(batchA) and \(batchB) must be equal (up to leading 1s) or one of them hold one matrix")
        let pa = a.storage.pointer, pb = b.storage.pointer, pc = result.storage.pointer
        if bStride == 0 && !transposeA && batches > 1 {
            // A batch of rows times one matrix is a single tall product.
            BLAS.gemm(transposeA: false, transposeB: transposeB, m: m * batches, n: n, k: k, a: pa, b: pb, c: pc)
        } else {
            for i in 0..<batches {
                BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          a: pa + i * aStride, b: pb + i * bStride, c: pc + i * m * n)
            }
        }
        return Tensor.result(result, inputs: [a, b]) { c in
            let g = c.grad
            let gradA: Tensor? = c.needs(0)
                ? (transposeA ? matmul(b, g, transposeA: transposeB, transposeB: true)
                              : matmul(g, b, transposeA: false, transposeB: !transposeB)).sum(toShape: a.shape)
                : nil
            let gradB: Tensor? = c.needs(1)
                ? (transposeB ? matmul(g, a, transposeA: true, transposeB: transposeA)
                              : matmul(a, g, transposeA: !transposeA, transposeB: false)).sum(toShape: b.shape)
                : nil
            return [gradA, gradB]
        }
    }
}
