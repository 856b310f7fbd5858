import Foundation
import Synchronization

/// Ends the process when a collective operation waits longer than its timeout for the other ranks: a
/// thread looks once a second at when the operation in progress began.
final class CollectiveWatchdog: Sendable {
    private let rank: Int
    private let timeout: Double
    /// When the operation in progress began (`DispatchTime` nanoseconds), 0 when none is.
    private let started = Atomic<UInt64>(0)
    /// The name of the operation in progress.
    private let operation = Mutex<String>("")

    init(rank: Int, timeout: Double) {
        self.rank = rank
        self.timeout = timeout
        let thread = Thread { [self] in watch() }
        thread.name = "latent-collective-watchdog"
        thread.start()
    }

    func enter(_ name: StaticString) {
        operation.withLock { $0 = "\(name)" }
        started.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
    }

    func leave() {
        started.store(0, ordering: .releasing)
    }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: 1)
            let since = started.load(ordering: .acquiring)
            guard since != 0 else { continue }
            let waited = Double(DispatchTime.now().uptimeNanoseconds &- since) / 1e9
            if waited > timeout {
                let name = operation.withLock { $0 }
                ProcessGroup.stop(
                    rank: rank,
                    "\(name) waited \(Int(waited)) s for the other ranks (more than the --distributed-timeout of \(Int(timeout)) s): "
                        + "a rank stopped or the network failed")
            }
        }
    }
}
