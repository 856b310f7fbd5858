import CMPI
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The processes (ranks) of a data-parallel run, joined by MPI: the collective operations the run needs,
/// each watched by a timeout.
///
/// MPI errors are returned, not fatal inside MPI: a failed operation, or one that waits longer than
/// `timeout` seconds for the other ranks (a rank was killed, the network failed), ends this process with
/// status 1 and a message naming the rank and the operation. Checkpoints are written atomically, so the
/// latest on disk stays a complete one.
public final class ProcessGroup: Sendable {
    /// This process's rank, from 0.
    public let rank: Int
    /// The number of ranks.
    public let size: Int
    /// The seconds a collective operation may wait for the other ranks.
    public let timeout: Double
    private let watchdog: CollectiveWatchdog
    private let tally = Mutex(CollectiveTally())

    private init(rank: Int, size: Int, timeout: Double) {
        self.rank = rank
        self.size = size
        self.timeout = timeout
        watchdog = CollectiveWatchdog(rank: rank, timeout: timeout)
    }

    /// Opens libmpi and joins the run's ranks (a single rank when the process was not started by `mpirun`).
    /// Throws `DistributedError` when libmpi cannot be opened or MPI does not start.
    static func start(timeout: Double) throws -> ProcessGroup {
        var reason = [CChar](repeating: 0, count: 512)
        guard cmpi_open(&reason, reason.count) == 1 else {
            throw DistributedError(description: "distributed training needs Open MPI: " + Self.string(reason))
        }
        var rank: Int32 = 0, size: Int32 = 0
        let code = cmpi_init(&rank, &size)
        guard code == 0 else {
            throw DistributedError(description: "MPI did not start: \(Self.message(code))")
        }
        return ProcessGroup(rank: Int(rank), size: Int(size), timeout: timeout)
    }

    /// Sums `values` in place over every rank.
    public func sum(_ values: UnsafeMutableBufferPointer<Float>) {
        var offset = 0
        while offset < values.count {
            let count = Swift.min(values.count - offset, Self.largestCall)
            run("MPI_Allreduce", bytes: count * MemoryLayout<Float>.size) {
                cmpi_allreduce_sum_float(values.baseAddress! + offset, Int32(count))
            }
            offset += count
        }
    }

    /// `values` combined over every rank, element by element: their sum, or their largest with `maximum`.
    public func combine(_ values: [Double], maximum: Bool = false) -> [Double] {
        var result = values
        result.withUnsafeMutableBufferPointer { buffer in
            run("MPI_Allreduce", bytes: buffer.count * MemoryLayout<Double>.size) {
                cmpi_allreduce_double(buffer.baseAddress, Int32(buffer.count), maximum ? 1 : 0)
            }
        }
        return result
    }

    /// Every rank's `values`, rank 0's first, on every rank; rank r gives `counts[r]` values.
    public func gather(_ values: [Float], counts: [Int]) -> [Float] {
        precondition(counts.count == size && counts[rank] == values.count,
                     "ProcessGroup.gather: needs one count per rank (\(size)) and this rank's to be \(values.count), got \(counts)")
        let offsets = counts.reduce(into: [0]) { $0.append($0.last! + $1) }
        precondition(offsets.last! <= Int(Int32.max), "ProcessGroup.gather: \(offsets.last!) values are more than one MPI call takes")
        var gathered = [Float](repeating: 0, count: offsets.last!)
        let counts32 = counts.map { Int32($0) }, offsets32 = offsets.dropLast().map { Int32($0) }
        gathered.withUnsafeMutableBufferPointer { target in
            run("MPI_Allgatherv", bytes: target.count * MemoryLayout<Float>.size) {
                cmpi_allgather_float(values, Int32(values.count), target.baseAddress, counts32, offsets32)
            }
        }
        return gathered
    }

    /// Overwrites `bytes` on every rank with rank `root`'s.
    public func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int = 0) {
        var offset = 0
        while offset < bytes.count {
            let count = Swift.min(bytes.count - offset, Self.largestCall)
            run("MPI_Bcast", bytes: count) { cmpi_broadcast(bytes.baseAddress! + offset, Int32(count), Int32(root)) }
            offset += count
        }
    }

    /// Ends this rank's part in MPI, once the run is over.
    func finish() {
        let code = cmpi_finalize()
        if code != 0 { Self.stop(rank: rank, "MPI_Finalize failed: \(Self.message(code))") }
    }

    /// The most elements one MPI call is given (its counts are 32-bit).
    private static let largestCall = Int(Int32.max)

    /// The collective operations made so far: their number, the bytes of their buffers and the seconds spent.
    public var collectives: CollectiveTally { tally.withLock { $0 } }

    /// Runs the MPI call `body` on a buffer of `bytes` under the watchdog, counting it; ends the process when
    /// it fails.
    private func run(_ operation: StaticString, bytes: Int, _ body: () -> Int32) {
        watchdog.enter(operation)
        let start = DispatchTime.now().uptimeNanoseconds
        let code = body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        watchdog.leave()
        if code != 0 { Self.stop(rank: rank, "\(operation) failed: \(Self.message(code))") }
        tally.withLock { $0.add(bytes: bytes, seconds: seconds) }
    }

    static func message(_ code: Int32) -> String {
        var text = [CChar](repeating: 0, count: 300)
        cmpi_error_string(code, &text, text.count)
        return string(text)
    }

    /// The text before the first NUL of a C character buffer.
    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes `problem` to standard error and ends the process with status 1, without waiting for MPI
    /// (whose other ranks may be gone).
    static func stop(rank: Int, _ problem: String) -> Never {
        FileHandle.standardError.write(Data("latent: error: rank \(rank): \(problem); stopping\n".utf8))
        _exit(1)
    }
}

/// A count of collective operations: how many, the bytes of their buffers, and the seconds they took.
public struct CollectiveTally: Sendable {
    public private(set) var calls = 0
    public private(set) var bytes = 0
    public private(set) var seconds = 0.0

    /// The operations made after `earlier`, a tally taken before.
    public func since(_ earlier: CollectiveTally) -> CollectiveTally {
        var result = CollectiveTally()
        result.calls = calls - earlier.calls
        result.bytes = bytes - earlier.bytes
        result.seconds = seconds - earlier.seconds
        return result
    }

    mutating func add(bytes: Int, seconds: Double) {
        calls += 1
        self.bytes += bytes
        self.seconds += seconds
    }
}

/// Why distributed training cannot start or go on.
public struct DistributedError: Error, CustomStringConvertible {
    public let description: String
}
