import Foundation
import Synchronization

/// The process-wide state of data-parallel training: the process group once started, which every
/// optimizer update averages its gradients over (`Optimizer.update(_:with:clippingGradNormTo:)`).
public enum DataParallel {
    private static let current = Mutex<ProcessGroup?>(nil)

    /// The group of this run's ranks; nil when the process trains alone.
    public static var group: ProcessGroup? { current.withLock { $0 } }

    /// Whether `mpirun` (Open MPI) started this process as one of several ranks.
    public static var isLaunchedByMPI: Bool {
        ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init).map { $0 > 1 } ?? false
    }

    /// Joins this run's ranks through MPI (once; later calls return the same group), each collective
    /// operation allowed `timeout` seconds. Throws `DistributedError` when Open MPI's libmpi cannot be
    /// opened or MPI does not start.
    @discardableResult
    public static func start(timeout: Double) throws -> ProcessGroup {
        try current.withLock { group in
            if let group { return group }
            let started = try ProcessGroup.start(timeout: timeout)
            group = started
            return started
        }
    }

    /// Leaves MPI at the end of the run; the process then trains alone.
    public static func finish() {
        let group = current.withLock { group in
            defer { group = nil }
            return group
        }
        group?.finish()
    }
}
