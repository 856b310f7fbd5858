import Synchronization

/// A contiguous block of Float32 values owned by one or more tensors.
///
/// Blocks come from `BufferPool`, and go back to it when the last tensor using them is released,
/// so a training loop that repeats the same shapes stops allocating after its first step.
public final class TensorStorage: @unchecked Sendable {
    /// The first value.
    public let pointer: UnsafeMutablePointer<Float>
    /// How many values the block holds.
    public let count: Int
    /// The pool the block came from and goes back to.
    private let pool: BufferPool

    /// A block of `count` values whose contents are unspecified.
    init(uninitializedCount count: Int) {
        self.count = count
        self.pool = BufferPool.current
        self.pointer = pool.take(count)
    }

    /// A block of `count` zeros.
    convenience init(zeros count: Int) {
        self.init(uninitializedCount: count)
        pointer.update(repeating: 0, count: count)
    }

    deinit {
        pool.give(pointer, count: count)
    }

    /// The values as a buffer.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}

/// Recycles freed tensor blocks by exact size, up to a byte budget.
final class BufferPool: Sendable {
    static let shared = BufferPool(budgetBytes: 2 << 30)

    /// The pool that tensors made by the current task draw from: `shared` unless
    /// `TensorMemory.withPrivatePool` says otherwise.
    @TaskLocal static var current = shared

    private struct State {
        // Addresses, as integers so that the state stays Sendable.
        var free: [Int: [UInt]] = [:]
        var heldBytes = 0
    }

    private let state = Mutex(State())
    private let budgetBytes: Int
    private let freshBlocks = Atomic<Int>(0)

    /// How many blocks have been allocated from the system rather than reused.
    var freshAllocations: Int { freshBlocks.load(ordering: .relaxed) }

    init(budgetBytes: Int) {
        self.budgetBytes = budgetBytes
    }

    /// Frees the blocks kept for reuse (a private pool ends once no tensor uses it).
    deinit {
        for address in state.withLock({ $0.free.values.joined() }) {
            UnsafeMutablePointer<Float>(bitPattern: address)?.deallocate()
        }
    }

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let reused: UInt? = state.withLock { state in
            guard let address = state.free[count]?.popLast() else { return nil }
            state.heldBytes -= count * MemoryLayout<Float>.stride
            return address
        }
        if let reused, let pointer = UnsafeMutablePointer<Float>(bitPattern: reused) { return pointer }
        freshBlocks.add(1, ordering: .relaxed)
        // 64-byte alignment suits every vector width the kernels use.
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        return raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
        let bytes = count * MemoryLayout<Float>.stride
        let address = UInt(bitPattern: pointer)
        let kept: Bool = state.withLock { state in
            guard state.heldBytes + bytes <= budgetBytes else { return false }
            state.free[count, default: []].append(address)
            state.heldBytes += bytes
            return true
        }
        if !kept { pointer.deallocate() }
    }
}

/// Counters of the tensor memory pool, for checking that steady-state loops stop allocating.
public enum TensorMemory {
    /// How many tensor blocks the pool in use has allocated from the system (not reused): since the
    /// process started, or inside `withPrivatePool`, since that pool was made.
    public static var freshAllocations: Int { BufferPool.current.freshAllocations }

    /// Runs `body` with the tensors it makes drawing memory from a new pool of their own, so that
    /// `freshAllocations` read inside counts only this work, whatever other threads do meanwhile.
    /// Those tensors return their memory to that pool when released, also after `body` ends.
    public static func withPrivatePool<R>(_ body: () throws -> R) rethrows -> R {
        try BufferPool.$current.withValue(BufferPool(budgetBytes: 2 << 30), operation: body)
    }
}
