import ArgumentParser
import LatentNN

/// The flags of a command that can run over the ranks `mpirun` started (docs/distributed.md).
struct DistributedFlags: ParsableArguments {
    @Flag(help: "Share the work over the ranks mpirun started (Open MPI; implied when it started several).")
    var distributed = false

    @Option(help: ArgumentHelp(
        "Seconds a rank waits for the others in one exchange before the run stops with an error (default 30).",
        valueName: "seconds"))
    var distributedTimeout: Int = 30

    /// The ranks' group when `--distributed` is given or `mpirun` started several ranks, nil otherwise;
    /// throws for a timeout out of range or when MPI cannot start.
    @discardableResult
    func start() throws -> ProcessGroup? {
        try FlagRange.check(distributedTimeout, "--distributed-timeout", in: 1...86_400)
        guard distributed || DataParallel.isLaunchedByMPI else { return nil }
        return try DataParallel.start(timeout: Double(distributedTimeout))
    }
}
