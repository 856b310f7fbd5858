import Dispatch
import Foundation
import LatentModels
import Synchronization

/// Turns SIGINT and SIGTERM into a stop request for the training loop (which then writes a checkpoint);
/// a second signal exits at once.
final class InterruptHandler {
    /// The signals handled.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    private let received = ReceivedSignal()
    private let sources: [any DispatchSourceSignal]

    /// Starts handling the signals, requesting `stop` on the first.
    init(stop: StopRequest) {
        let received = self.received
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if received.record(number) {
                    stop.request()
                } else {
                    Foundation.exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        // Outside a training session (a reproduction's evaluation, say) the signals stop the process again.
        for number in Self.signals { signal(number, SIG_DFL) }
    }

    /// The first signal received, or nil.
    var receivedSignal: Int32? { received.first }

    /// The name of signal `number`, such as `SIGINT`.
    static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    }
}

/// The first signal received, set once from the handler's thread.
private final class ReceivedSignal: Sendable {
    private let number = Atomic<Int32>(0)

    /// Records `signal`; returns whether it is the first.
    func record(_ signal: Int32) -> Bool {
        number.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing).exchanged
    }

    var first: Int32? {
        let value = number.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }
}
