#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let noTrans: Int32 = 111, trans: Int32 = 112, rowMajor: Int32 = 101
        OpenBLAS.library.sgemm(
            rowMajor, transposeA ? trans : noTrans, transposeB ? trans : noTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
    }
}

/// The OpenBLAS shared library (Debian: libopenblas0, installed with libopenblas-dev), opened at first use.
///
/// It is opened at run time rather than linked so that the kernel family can be chosen first:
/// OpenBLAS 0.3.21 (Debian 12) does not recognise AVX-512 on recent AMD processors and falls back to
/// its AVX2 kernels; when the processor reports AVX-512 and `OPENBLAS_CORETYPE` is unset, Latent asks
/// for the SkylakeX kernels, which measure 1.3–1.8× faster here (see BENCHMARKS.md).
enum OpenBLAS {
    typealias Sgemm = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?

    struct Library: @unchecked Sendable {
        let sgemm: Sgemm
        let setThreads: SetThreads
        let coreName: String
    }

    static let library: Library = open()

    private static func open() -> Library {
        if getenv("OPENBLAS_CORETYPE") == nil && CPUFeatures.hasAVX512 {
            setenv("OPENBLAS_CORETYPE", "SkylakeX", 0)
        }
        let names = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_GLOBAL) }).first else {
            fatalError("Latent needs OpenBLAS and could not open libopenblas.so.0; install it with `apt-get install libopenblas-dev`")
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T {
            guard let address = dlsym(handle, name) else {
                fatalError("OpenBLAS library has no symbol \(name); install Debian's libopenblas-dev")
            }
            return unsafeBitCast(address, to: type)
        }
        let coreName = symbol("openblas_get_corename", as: CoreName.self)().map { String(cString: $0) } ?? "unknown"
        return Library(
            sgemm: symbol("cblas_sgemm", as: Sgemm.self),
            setThreads: symbol("openblas_set_num_threads", as: SetThreads.self),
            coreName: coreName)
    }
}

/// Processor features read from /proc/cpuinfo.
enum CPUFeatures {
    /// Whether the processor has the AVX-512 subsets OpenBLAS's SkylakeX kernels use.
    static let hasAVX512: Bool = {
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            return ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        }
        return false
    }()
}

/// Which BLAS kernels are in use, for benchmark reports.
public enum BLASInfo {
    /// The OpenBLAS kernel family, such as "SkylakeX" or "Haswell".
    public static var coreName: String { OpenBLAS.library.coreName }
}
