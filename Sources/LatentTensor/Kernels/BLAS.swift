#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Single-precision matrix products through OpenBLAS.
///
/// OpenBLAS runs single-threaded; large products are split into row or column panels spread over
/// Latent's own threads, so that one thread pool serves every kernel and none spins waiting for another.
enum BLAS {
    /// Products smaller than this many multiply-adds run on one thread.
    static let parallelThreshold = 1 << 18

    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major; op transposes when asked.
    /// `A` is stored m×k (k×m when transposed), `B` k×n (n×k when transposed).
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        forEachPanel(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k) { panel in
            call(transposeA, transposeB, panel.m, panel.n, k, alpha, a + panel.aOffset, lda,
                 b + panel.bOffset, ldb, beta, c + panel.cOffset, n)
        }
    }

    /// One block of a row-major product C[m×n] = op(A) · op(B): its size and where its operands start.
    struct Panel {
        let m: Int, n: Int
        let aOffset: Int, bOffset: Int, cOffset: Int
    }

    /// Runs `body` for row panels of C (with the matching rows of op(A)) when m ≥ n, else for column
    /// panels (with the matching columns of op(B)), spread over Latent's threads; small products run
    /// as one panel on the calling thread. Shared by the single- and double-precision products.
    static func forEachPanel(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, _ body: (Panel) -> Void
    ) {
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        let threads = Threads.count
        guard threads > 1, m * n * k >= parallelThreshold, max(m, n) >= 2 * threads * 8 else {
            body(Panel(m: m, n: n, aOffset: 0, bOffset: 0, cOffset: 0))
            return
        }
        if m >= n {
            let panels = rowPanels(m, threads: threads)
            parallelFor(panels.count) { index in
                let rows = panels[index]
                body(Panel(m: rows.count, n: n, aOffset: transposeA ? rows.lowerBound : rows.lowerBound * lda,
                           bOffset: 0, cOffset: rows.lowerBound * n))
            }
        } else {
            let panels = rowPanels(n, threads: threads)
            parallelFor(panels.count) { index in
                let columns = panels[index]
                body(Panel(m: m, n: columns.count, aOffset: 0,
                           bOffset: transposeB ? columns.lowerBound * ldb : columns.lowerBound,
                           cOffset: columns.lowerBound))
            }
        }
    }

    /// `count` split into `threads` ranges whose bounds are multiples of 16 (vector-friendly panels).
    private static func rowPanels(_ count: Int, threads: Int) -> [Range<Int>] {
        let blocks = (count + 15) / 16
        return (0..<threads).compactMap { index in
            let start = Swift.min(count, blocks * index / threads * 16)
            let end = Swift.min(count, blocks * (index + 1) / threads * 16)
            return start < end ? start..<end : nil
        }
    }

    @inline(__always)
    private static func call(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
        _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        let noTrans: Int32 = 111, trans: Int32 = 112, rowMajor: Int32 = 101
        OpenBLAS.library.sgemm(
            rowMajor, transposeA ? trans : noTrans, transposeB ? trans : noTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
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
        let coreName: String
        let handle: UnsafeMutableRawPointer

        /// The function called `name` in the library, as `type`; a missing symbol is fatal.
        func symbol<T>(_ name: String, as type: T.Type) -> T { OpenBLAS.symbol(name, in: handle, as: type) }
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
        let coreName = symbol("openblas_get_corename", in: handle, as: CoreName.self)().map { String(cString: $0) } ?? "unknown"
        symbol("openblas_set_num_threads", in: handle, as: SetThreads.self)(1)
        return Library(sgemm: symbol("cblas_sgemm", in: handle, as: Sgemm.self), coreName: coreName, handle: handle)
    }

    private static func symbol<T>(_ name: String, in handle: UnsafeMutableRawPointer, as type: T.Type) -> T {
        guard let address = dlsym(handle, name) else {
            fatalError("OpenBLAS library has no symbol \(name); install Debian's libopenblas-dev")
        }
        return unsafeBitCast(address, to: type)
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
