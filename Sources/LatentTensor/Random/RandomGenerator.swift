import CLatentKernels
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seedable pseudo-random generator (xoshiro256**): the same seed gives the same numbers on
/// every run, machine and thread count. Its state can be saved and restored for resumable runs.
public struct RandomGenerator: Sendable, Equatable {
    /// The four 64-bit words of state.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// The share of each global batch this process trains on in data-parallel training, when the generator
    /// draws the per-sample noise of those batches (see `BatchShard`); not part of the saved state.
    public var batchShard: BatchShard?

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func next() -> UInt64 {
            // splitmix64 spreads one seed over the four state words.
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// A generator resumed from saved state words.
    public init(state: [UInt64]) {
        precondition(state.count == 4, "RandomGenerator(state:): expected 4 state words, got \(state.count)")
        self.state = (state[0], state[1], state[2], state[3])
    }

    /// The state as four words, for saving.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    public static func == (a: RandomGenerator, b: RandomGenerator) -> Bool { a.stateWords == b.stateWords }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform value in [0, 1).
    @inline(__always)
    public mutating func nextUniform() -> Float {
        Float(nextUInt64() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform integer in 0..<bound.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:): bound must be positive, got \(bound)")
        return Int(nextUInt64() % UInt64(bound))
    }

    /// Fills `buffer` with standard normal values (Box–Muller, in pairs). The values depend only on the state,
    /// not on the thread count: the random bits are drawn in order, and only their transformation into normal
    /// values is shared among the kernel threads.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, std: Float = 1) {
        let pairs = (buffer.count + 1) / 2
        guard let output = buffer.baseAddress else { return }
        let count = buffer.count
        guard pairs >= 2 * normalPairsGrain else {
            // A block of words at a time on the stack, drawn in the same order.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * normalPairsBlock) { words in
                for start in stride(from: 0, to: pairs, by: normalPairsBlock) {
                    let end = Swift.min(start + normalPairsBlock, pairs)
                    for i in 0..<(2 * (end - start)) { words[i] = nextUInt64() }
                    latent_normal_pairs(words.baseAddress!, output + 2 * start, 0, end - start, count - 2 * start, mean, std)
                }
            }
            return
        }
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * pairs)
        defer { bits.deallocate() }
        for i in 0..<(2 * pairs) { bits[i] = nextUInt64() }
        parallelChunks(pairs, grain: normalPairsGrain) { range in
            latent_normal_pairs(bits, output, range.lowerBound, range.upperBound, count, mean, std)
        }
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// Box–Muller pairs per thread below which `fillNormal` stays on the calling thread.
private let normalPairsGrain = 4_096
/// Box–Muller pairs whose words `fillNormal` draws at a time on the calling thread.
private let normalPairsBlock = 256

/// The process-wide generator used when no generator is passed, as PyTorch's default generator. A task
/// may put a `StandIn` in its place (a trainer does, for its run), so that the draws of two runs in one
/// process do not interleave.
public enum GlobalRandom {
    private static let generator = Mutex(RandomGenerator(seed: 0))

    /// The generator that takes the global one's place in the current task, if any.
    @TaskLocal private static var standIn: StandIn?

    /// A generator that takes the global one's place within `withStandIn(_:_:)`.
    public final class StandIn: Sendable {
        private let generator: Mutex<RandomGenerator>

        /// A stand-in starting from `seed`, as the global generator after `GlobalRandom.seed(seed)`.
        public init(seed: UInt64) {
            generator = Mutex(RandomGenerator(seed: seed))
        }

        /// Its state, for checkpoints.
        public var state: RandomGenerator {
            get { generator.withLock { $0 } }
            set { generator.withLock { $0 = newValue } }
        }

        fileprivate func use<R>(_ body: (inout RandomGenerator) -> R) -> R {
            generator.withLock { body(&$0) }
        }
    }

    /// Runs `body` with `standIn` in place of the global generator for every draw, seed and state of the
    /// calling task (not of threads it does not wait on).
    public static func withStandIn<R>(_ standIn: StandIn, _ body: () throws -> R) rethrows -> R {
        try $standIn.withValue(standIn) { try body() }
    }

    /// Restarts the global sequence from `seed`, as `torch.manual_seed`.
    public static func seed(_ seed: UInt64) {
        use { $0 = RandomGenerator(seed: seed) }
    }

    /// The global generator's state, for checkpoints.
    public static var state: RandomGenerator {
        get { use { $0 } }
        set { use { $0 = newValue } }
    }

    /// Runs `body` with exclusive use of the global generator (or of the task's stand-in).
    public static func use<R>(_ body: (inout RandomGenerator) -> R) -> R {
        if let standIn { return standIn.use(body) }
        return generator.withLock { body(&$0) }
    }
}
