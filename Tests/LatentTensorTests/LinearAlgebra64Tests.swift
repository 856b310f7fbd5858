import LatentTensor
import Testing

/// Values in [−1, 1) from a fixed integer sequence.
private func sequence(_ count: Int, seed: Int) -> [Double] {
    (0..<count).map { Double(($0 * 7919 + seed * 104_729) % 2003) / 1001.5 - 1 }
}

@Test func doubleGEMMMatchesTheDefinitionForEveryTransposition() {
    // 64 × 48 × 100 is large enough to be split over threads.
    let m = 64, n = 48, k = 100
    for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
        let a = sequence(m * k, seed: 1), b = sequence(k * n, seed: 2)
        let c = LinearAlgebra64.multiply(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        var worst = 0.0
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += a[transposeA ? p * m + i : i * k + p] * b[transposeB ? j * k + p : p * n + j] }
                worst = max(worst, abs(c[i * n + j] - sum))
            }
        }
        #expect(worst < 1e-12, "transposeA \(transposeA), transposeB \(transposeB): error \(worst)")
    }
}

@Test func symmetricEigendecompositionOfATwoByTwo() throws {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
    let eigen = try LinearAlgebra64.symmetricEigen([2, 1, 1, 2], dimension: 2)
    #expect(abs(eigen.values[0] - 1) < 1e-14 && abs(eigen.values[1] - 3) < 1e-14)
    #expect(abs(abs(eigen.vectors[0] + eigen.vectors[1])) < 1e-14 && abs(abs(eigen.vectors[2]) - 0.5.squareRoot()) < 1e-14)
    #expect(try LinearAlgebra64.symmetricEigen([2, 1, 1, 2], dimension: 2, vectors: false).values.count == 2)
}

@Test func symmetricEigendecompositionReconstructsTheMatrix() throws {
    let n = 30
    let r = sequence(n * n, seed: 3)
    let matrix = LinearAlgebra64.multiply(r, r, m: n, n: n, k: n, transposeB: true)
    let eigen = try LinearAlgebra64.symmetricEigen(matrix, dimension: n)
    #expect(eigen.values == eigen.values.sorted())
    var worst = 0.0
    for i in 0..<n {
        for j in 0..<n {
            let value = (0..<n).reduce(0.0) { $0 + eigen.vectors[$1 * n + i] * eigen.values[$1] * eigen.vectors[$1 * n + j] }
            worst = max(worst, abs(value - matrix[i * n + j]))
        }
    }
    #expect(worst < 1e-10)
}

@Test func symmetricEigendecompositionRefusesNonFiniteValues() {
    #expect(throws: LinearAlgebra64.Failure.self) { try LinearAlgebra64.symmetricEigen([1, .nan, .nan, 1], dimension: 2) }
}
