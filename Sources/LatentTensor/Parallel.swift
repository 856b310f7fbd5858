import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The number of threads Latent's kernels use, matrix products included.
public enum Threads {
    private static let configured = Atomic<Int>(0)

    /// The thread count in force: the value last set, or the number of cores.
    public static var count: Int {
        let value = configured.load(ordering: .relaxed)
        return value > 0 ? value : ProcessInfoCores.active
    }

    /// The most threads `set` accepts: far more than any machine Latent runs on has cores, few enough that
    /// splitting work among them stays cheap.
    public static let maximum = 1024

    /// Sets the thread count for every kernel, matrix products included (1 to `maximum`).
    public static func set(_ threads: Int) {
        precondition((1...maximum).contains(threads), "Threads.set: thread count must be in 1...\(maximum), got \(threads)")
        configured.store(threads, ordering: .relaxed)
    }
}

extension Threads {
    /// Runs `body` on contiguous chunks of `0..<count` spread over Latent's threads, each chunk at least
    /// `grain` items; small counts run on the calling thread. For kernels outside LatentTensor, such as
    /// optimizer updates.
    public static func forEachChunk(of count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        parallelChunks(count, grain: grain, body)
    }
}

enum ProcessInfoCores {
    static let active: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// The fewest values worth a thread of their own in a cheap element-wise loop: they take a few
/// microseconds, about what handing a chunk to another thread costs (splitting fewer measured slower).
let elementwiseGrain = 65_536

/// Splits `0..<count` into contiguous chunks of at least `grain` items and runs them on the thread pool.
///
/// Work smaller than two grains runs on the calling thread, so small tensors pay no scheduling cost.
@inline(__always)
func parallelChunks(_ count: Int, grain: Int = elementwiseGrain, _ body: (Range<Int>) -> Void) {
    let chunks = min(Threads.count, count / max(grain, 1))
    if chunks <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let task = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            task.value(start..<end)
        }
    }
}

/// Runs `body` for each of `0..<iterations` on the thread pool, one iteration per task.
func parallelFor(_ iterations: Int, _ body: (Int) -> Void) {
    if iterations == 1 { return body(0) }
    withoutActuallyEscaping(body) { body in
        let task = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: iterations) { task.value($0) }
    }
}

/// Carries a value the caller knows to be safe across the threads of one parallel loop.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
