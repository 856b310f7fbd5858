import Testing
import LatentTensor
import LatentTestSupport

@Suite struct ReshapeTests {
    let cube = Tensor((0..<24).map(Float.init), shape: [2, 3, 4])

    @Test func reshapeInfersOneSizeAndSharesValues() {
        let r = cube.reshaped([4, -1])
        #expect(r.shape == [4, 6])
        #expect(r.values == cube.values)
        #expect(r.storage === cube.storage)
        #expect(cube.reshaped([-1]).shape == [24])
        #expect(Tensor([5]).reshaped([]).shape == [])
        #expect(cube.flattened().shape == [2, 12])
        #expect(cube.flattened(from: 0).shape == [24])
        #expect(cube.flattened(from: -1).shape == [2, 3, 4])
        let g = valueAndGradient(at: [cube]) { ($0[0].reshaped([6, 4]) * Tensor([1, 2, 3, 4])).sum() }.gradients[0]
        #expect(g.shape == [2, 3, 4])
        #expect(g.values == (0..<24).map { Float($0 % 4 + 1) })
    }

    @Test func expandRepeatsAndItsGradientSums() {
        let row = Tensor([1, 2, 3])
        #expect(row.expand(to: [2, 3]).values == [1, 2, 3, 1, 2, 3])
        let col = Tensor([1, 2], shape: [2, 1])
        #expect(col.expand(to: [2, 3]).values == [1, 1, 1, 2, 2, 2])
        #expect(col.expand(to: [2, 2, 3]).shape == [2, 2, 3])
        #expect(Tensor(scalar: 7).expand(to: [2, 2]).values == [7, 7, 7, 7])
        let g = valueAndGradient(at: [col]) { $0[0].expand(to: [4, 2, 3]).sum() }.gradients[0]
        #expect(g.shape == [2, 1] && g.values == [12, 12])
    }

    @Test func sumToShapeUndoesBroadcasting() {
        #expect(cube.sum(toShape: [4]).values == [60, 66, 72, 78])
        #expect(cube.sum(toShape: [3, 1]).values == [60, 92, 124])
        let kept = cube.sum(toShape: [2, 1, 4])
        #expect(kept.shape == [2, 1, 4] && kept.values == [12, 15, 18, 21, 48, 51, 54, 57])
        #expect(cube.sum(toShape: [2, 3, 4]) === cube)
    }

    @Test func permuteAndTranspose() {
        let p = cube.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        // p[i, j, k] = cube[j, k, i] = 12j + 4k + i
        var expected: [Float] = []
        for i in 0..<4 { for j in 0..<2 { for k in 0..<3 { expected.append(Float(12 * j + 4 * k + i)) } } }
        #expect(p.values == expected)
        #expect(cube.permuted([-1, 0, 1]).values == expected)
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(m.transposed().shape == [3, 2] && m.transposed().values == [1, 4, 2, 5, 3, 6])
        #expect(cube.transposed(0, 2).shape == [4, 3, 2])
        #expect(cube.transposed().permuted([0, 2, 1]).values == cube.values)
        let weights = Tensor((0..<24).map { Float($0 * $0 % 7) }, shape: [4, 2, 3])
        let g = valueAndGradient(at: [cube]) { ($0[0].permuted([2, 0, 1]) * weights).sum() }.gradients[0]
        #expect(g.values == weights.permuted([1, 2, 0]).values)
    }

    @Test func gradientsMatchFiniteDifferences() {
        let t = CoreFixtures.uniform([2, 3, 4], seed: 21)
        let w = CoreFixtures.uniform([4, 6], seed: 22)
        #expect(gradientError([t]) { $0[0].reshaped([4, 6]) * w } < 1e-2)
        #expect(gradientError([t]) { $0[0].flattened().square() } < 1e-2)
        #expect(gradientError([t]) { $0[0].permuted([1, 2, 0]).square() } < 1e-2)
        #expect(gradientError([t]) { $0[0].transposed().square() } < 1e-2)
        #expect(gradientError([t]) { $0[0].sum(toShape: [3, 1]).square() } < 1e-2)
        let col = CoreFixtures.uniform([3, 1], seed: 23)
        #expect(gradientError([col]) { $0[0].expand(to: [2, 3, 4]).square() } < 1e-2)
        #expect(secondOrderGradientError([t]) { $0[0].permuted([2, 0, 1]).square().reshaped([4, 6]) * w } < 2e-2)
        #expect(secondOrderGradientError([col]) { $0[0].expand(to: [2, 3, 4]).square() } < 2e-2)
    }
}
