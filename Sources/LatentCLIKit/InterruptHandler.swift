import CStopSignals
import Dispatch
import Foundation
import LatentModels

/// Turns SIGINT and SIGTERM into a stop request for the training loop (which then writes a checkpoint);
/// a second signal exits at once. One handler at a time: each training of a process (a reproduction trains
/// several) makes its own, and the signals end the process again once it is gone.
final class InterruptHandler {
    /// How often the caught signal is looked for, to pass it on to the training loop.
    static let pollingInterval = DispatchTimeInterval.milliseconds(50)

    private let watch: any DispatchSourceTimer

    /// Starts handling the signals, requesting `stop` on the first.
    init(stop: StopRequest) {
        let failure = cstopsignals_arm()
        precondition(failure == 0, "InterruptHandler: SIGINT and SIGTERM could not be caught (errno \(failure))")
        // The handler may only record the signal; the request is made here, outside it.
        watch = DispatchSource.makeTimerSource(queue: .global())
        watch.schedule(deadline: .now(), repeating: Self.pollingInterval)
        watch.setEventHandler {
            if cstopsignals_first() != 0 { stop.request() }
        }
        watch.resume()
    }

    deinit {
        watch.cancel()
        cstopsignals_disarm()
    }

    /// The first signal received, or nil.
    var receivedSignal: Int32? {
        let number = cstopsignals_first()
        return number == 0 ? nil : number
    }

    /// The name of signal `number`, such as `SIGINT`.
    static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    }
}
