import COpenBLAS

/// Single-precision matrix products through OpenBLAS.
enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major; op transposes when asked.
    /// `A` is stored m×k (k×m when transposed), `B` k×n (n×k when transposed).
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
    }
}
