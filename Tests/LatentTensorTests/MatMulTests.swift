import Testing
import LatentTensor
import LatentTestSupport

/// A plain triple loop: `op(a) · op(b)` over the last two axes, where a rank-2 operand is shared by every batch.
private func referenceMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let (m, k) = transposeA ? (ac, ar) : (ar, ac)
    let n = transposeB ? br : bc
    let batchShape = a.rank > 2 ? Array(a.shape.dropLast(2)) : Array(b.shape.dropLast(2))
    let batches = batchShape.reduce(1, *)
    let av = a.values, bv = b.values
    let aStride = a.rank > 2 ? ar * ac : 0, bStride = b.rank > 2 ? br * bc : 0
    var out = [Float](repeating: 0, count: batches * m * n)
    for batch in 0..<batches {
        for i in 0..<m {
            for j in 0..<n {
                var total: Float = 0
                for p in 0..<k {
                    let x = av[batch * aStride + (transposeA ? p * ac + i : i * ac + p)]
                    let y = bv[batch * bStride + (transposeB ? j * bc + p : p * bc + j)]
                    total += x * y
                }
                out[(batch * m + i) * n + j] = total
            }
        }
    }
    return Tensor(out, shape: batchShape + [m, n])
}

@Suite struct MatMulTests {
    @Test func smallProducts() {
        let a = Tensor([1, 2, 3, 4], shape: [2, 2]), b = Tensor([5, 6, 7, 8], shape: [2, 2])
        #expect(a.matmul(b).values == [19, 22, 43, 50])
        let c = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), d = Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        let cd = c.matmul(d)
        #expect(cd.shape == [2, 2] && cd.values == [58, 64, 139, 154])
        // cᵀ·c and c·cᵀ through the transpose flags.
        #expect(Tensor.matmul(c, c, transposeA: true, transposeB: false).values == [17, 22, 27, 22, 29, 36, 27, 36, 45])
        #expect(Tensor.matmul(c, c, transposeA: false, transposeB: true).values == [14, 32, 32, 77])
        #expect(Tensor.matmul(d, c, transposeA: true, transposeB: true).values == [58, 139, 64, 154])
        let grads = valueAndGradient(at: [c, d]) { $0[0].matmul($0[1]).sum() }.gradients
        #expect(grads[0].values == [15, 19, 23, 15, 19, 23])
        #expect(grads[1].values == [5, 5, 7, 7, 9, 9])
    }

    @Test func batchedProductsMatchReference() {
        let a = CoreFixtures.uniform([2, 3, 4], seed: 31), b = CoreFixtures.uniform([2, 4, 5], seed: 32)
        let w = CoreFixtures.uniform([4, 5], seed: 33), v = CoreFixtures.uniform([3, 4], seed: 34)
        let at = CoreFixtures.uniform([2, 4, 3], seed: 35), bt = CoreFixtures.uniform([2, 5, 4], seed: 36)
        let wt = CoreFixtures.uniform([5, 4], seed: 37), vt = CoreFixtures.uniform([4, 3], seed: 38)
        let cases: [(Tensor, Tensor, Bool, Bool)] = [
            (a, b, false, false), (at, b, true, false), (a, bt, false, true), (at, bt, true, true),
            (a, w, false, false), (a, wt, false, true), (at, w, true, false), (at, wt, true, true),
            (v, b, false, false), (vt, b, true, false), (v, bt, false, true), (vt, bt, true, true),
        ]
        for (x, y, ta, tb) in cases {
            let product = Tensor.matmul(x, y, transposeA: ta, transposeB: tb)
            let expected = referenceMatmul(x, y, transposeA: ta, transposeB: tb)
            #expect(product.shape == [2, 3, 5])
            #expect(allClose(product.values, expected.values), "shapes \(x.shape) \(y.shape) ta \(ta) tb \(tb)")
        }
        let four = CoreFixtures.uniform([2, 2, 3, 4], seed: 39)
        #expect(allClose(four.matmul(w).values, referenceMatmul(four.reshaped([4, 3, 4]), w).values))
        let padded = CoreFixtures.uniform([1, 2, 3, 4], seed: 41)
        #expect(padded.matmul(b).shape == [1, 2, 3, 5])
        #expect(allClose(padded.matmul(b).values, referenceMatmul(padded.reshaped([2, 3, 4]), b).values))
        let leadingOne = CoreFixtures.uniform([1, 4, 5], seed: 40)
        #expect(a.matmul(leadingOne).shape == [2, 3, 5])
        #expect(allClose(a.matmul(leadingOne).values, referenceMatmul(a, leadingOne.reshaped([4, 5])).values))
    }

    @Test func emptyInnerSizeGivesZeros() {
        // Returns blocks holding nonzero values to the pool, for the product to reuse.
        for _ in 0..<4 { _ = Tensor.full([2, 3], 9) }
        let product = Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3]))
        #expect(product.shape == [2, 3] && product.values == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.zeros([0, 4]).matmul(Tensor.ones([4, 3])).shape == [0, 3])
    }

    @Test func gradientsMatchFiniteDifferences() {
        let a = CoreFixtures.uniform([2, 3, 4], seed: 41), b = CoreFixtures.uniform([2, 4, 2], seed: 42)
        let w = CoreFixtures.uniform([4, 2], seed: 43), v = CoreFixtures.uniform([3, 4], seed: 44)
        let at = CoreFixtures.uniform([2, 4, 3], seed: 45), wt = CoreFixtures.uniform([2, 4], seed: 46)
        let bt = CoreFixtures.uniform([2, 2, 4], seed: 47)
        #expect(gradientError([v, w]) { $0[0].matmul($0[1]) } < 1e-2)
        #expect(gradientError([a, b]) { $0[0].matmul($0[1]) } < 1e-2)
        #expect(gradientError([a, w]) { $0[0].matmul($0[1]) } < 1e-2)
        #expect(gradientError([v, b]) { $0[0].matmul($0[1]) } < 1e-2)
        #expect(gradientError([at, b]) { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: false) } < 1e-2)
        #expect(gradientError([a, bt]) { Tensor.matmul($0[0], $0[1], transposeA: false, transposeB: true) } < 1e-2)
        #expect(gradientError([at, wt]) { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true) } < 1e-2)
        #expect(gradientError([v, bt]) { Tensor.matmul($0[0], $0[1], transposeA: false, transposeB: true) } < 1e-2)
        let padded = CoreFixtures.uniform([1, 2, 3, 4], seed: 48), single = CoreFixtures.uniform([1, 4, 2], seed: 49)
        #expect(gradientError([padded, b]) { $0[0].matmul($0[1]) } < 1e-2)
        #expect(gradientError([a, single]) { $0[0].matmul($0[1]) } < 1e-2)
    }

    @Test func secondOrderGradientsMatchFiniteDifferences() {
        let a = CoreFixtures.uniform([2, 3, 4], seed: 51), b = CoreFixtures.uniform([2, 4, 2], seed: 52)
        let w = CoreFixtures.uniform([4, 2], seed: 53), at = CoreFixtures.uniform([2, 4, 3], seed: 54)
        let wt = CoreFixtures.uniform([2, 4], seed: 55)
        // A product is bilinear, so the check squares it to give the first operand a nonzero Hessian.
        #expect(secondOrderGradientError([a, b]) { $0[0].matmul($0[1]).square() } < 2e-2)
        #expect(secondOrderGradientError([w, a]) { $0[1].matmul($0[0]).square() } < 2e-2)
        #expect(secondOrderGradientError([a, w]) { $0[0].matmul($0[1]).square() } < 2e-2)
        #expect(secondOrderGradientError([at, wt]) {
            Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true).square()
        } < 2e-2)
        #expect(secondOrderGradientError([a, b]) { $0[0].matmul($0[1]) } < 2e-2)
    }
}
