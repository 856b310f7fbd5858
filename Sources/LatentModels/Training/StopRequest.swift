import Synchronization

/// A request, made from any thread (such as an interrupt handler), that a training loop stop after
/// its current step.
public final class StopRequest: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the loop to stop.
    public func request() {
        flag.store(true, ordering: .releasing)
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool {
        flag.load(ordering: .acquiring)
    }
}
