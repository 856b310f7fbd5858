import LatentTensor

/// Runs `body` with a generator of its own, starting at `seed`, in place of the process-wide one, so that tests
/// running in parallel cannot draw between a test's seed and its draws.
public func withOwnGenerator<R>(seed: UInt64, _ body: () throws -> R) rethrows -> R {
    try GlobalRandom.withStandIn(GlobalRandom.StandIn(seed: seed), body)
}
