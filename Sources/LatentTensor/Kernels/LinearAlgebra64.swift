/// Double-precision linear algebra through OpenBLAS and its bundled LAPACK: the matrix product and
/// the symmetric eigendecomposition that metrics such as FID need. Matrices are row-major `[Double]`.
public enum LinearAlgebra64 {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major; op transposes when asked.
    /// `a` is stored m×k (k×m when transposed), `b` k×n (n×k when transposed). Large products are
    /// split over Latent's threads.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
        beta: Double = 0, c: UnsafeMutablePointer<Double>
    ) {
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        let noTrans: Int32 = 111, trans: Int32 = 112, rowMajor: Int32 = 101
        BLAS.forEachPanel(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k) { panel in
            LAPACK.functions.dgemm(
                rowMajor, transposeA ? trans : noTrans, transposeB ? trans : noTrans,
                Int32(panel.m), Int32(panel.n), Int32(k), alpha, a + panel.aOffset, Int32(lda),
                b + panel.bOffset, Int32(ldb), beta, c + panel.cOffset, Int32(n))
        }
    }

    /// The product op(A) · op(B) of row-major matrices: `a` is m×k (k×m when transposed), `b` k×n
    /// (n×k when transposed); the result is m×n.
    public static func multiply(
        _ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
    ) -> [Double] {
        precondition(a.count == m * k && b.count == k * n,
                     "LinearAlgebra64.multiply: operands of \(a.count) and \(b.count) values do not fit m=\(m), n=\(n), k=\(k)")
        var c = [Double](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let aBase = a.baseAddress, let bBase = b.baseAddress, let cBase = c.baseAddress else { return }
                    gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: aBase, b: bBase, c: cBase)
                }
            }
        }
        return c
    }

    /// The eigenvalues and eigenvectors of a symmetric matrix.
    public struct SymmetricEigendecomposition: Sendable {
        /// The eigenvalues in ascending order.
        public let values: [Double]
        /// Row-major n×n: row j is the unit eigenvector of `values[j]` (empty when vectors were not asked for).
        public let vectors: [Double]
    }

    /// Why a decomposition failed, in words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public let problem: String
        public var description: String { problem }
    }

    /// The eigendecomposition of the symmetric row-major `dimension × dimension` matrix `matrix`
    /// (LAPACK `dsyevd`, divide and conquer); eigenvectors only when `vectors` is true.
    /// Throws when the matrix holds a non-finite value or the algorithm does not converge.
    public static func symmetricEigen(
        _ matrix: [Double], dimension: Int, vectors: Bool = true
    ) throws -> SymmetricEigendecomposition {
        precondition(dimension >= 0 && matrix.count == dimension * dimension,
                     "LinearAlgebra64.symmetricEigen: \(matrix.count) values do not form a \(dimension)×\(dimension) matrix")
        guard dimension > 0 else { return SymmetricEigendecomposition(values: [], vectors: []) }
        guard matrix.allSatisfy(\.isFinite) else {
            throw Failure(problem: "symmetric eigendecomposition of a matrix holding a non-finite value")
        }
        // A symmetric row-major matrix reads the same column-major; the eigenvectors come back as the
        // columns of a column-major matrix, which read row-major are its rows.
        var a = matrix
        var values = [Double](repeating: 0, count: dimension)
        var jobz = CChar(UInt8(ascii: vectors ? "V" : "N")), uplo = CChar(UInt8(ascii: "L"))
        var n = Int32(dimension), lda = Int32(dimension), info: Int32 = 0
        var workSize = 0.0, lwork: Int32 = -1, iworkSize: Int32 = 0, liwork: Int32 = -1
        LAPACK.functions.dsyevd(&jobz, &uplo, &n, &a, &lda, &values, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1)
        guard info == 0 else { throw Failure(problem: "dsyevd workspace query failed with info \(info)") }
        lwork = Int32(workSize.rounded(.up))
        liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        LAPACK.functions.dsyevd(&jobz, &uplo, &n, &a, &lda, &values, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0 else {
            throw Failure(problem: info > 0
                ? "dsyevd did not converge on the \(dimension)×\(dimension) matrix (info \(info))"
                : "dsyevd rejected argument \(-info)")
        }
        return SymmetricEigendecomposition(values: values, vectors: vectors ? a : [])
    }
}

/// The double-precision BLAS and LAPACK functions, resolved from the OpenBLAS library that
/// single-precision products use (Debian's libopenblas bundles LAPACK).
enum LAPACK {
    typealias Dgemm = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
        UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32) -> Void
    /// Fortran `dsyevd`: every argument by reference, then the lengths of the two character arguments.
    typealias Dsyevd = @convention(c) (
        UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Double>?,
        UnsafePointer<Int32>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafePointer<Int32>?,
        UnsafeMutablePointer<Int32>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Int32>?, Int, Int) -> Void

    struct Functions: @unchecked Sendable {
        let dgemm: Dgemm
        let dsyevd: Dsyevd
    }

    static let functions = Functions(
        dgemm: OpenBLAS.library.symbol("cblas_dgemm", as: Dgemm.self),
        dsyevd: OpenBLAS.library.symbol("dsyevd_", as: Dsyevd.self))
}
