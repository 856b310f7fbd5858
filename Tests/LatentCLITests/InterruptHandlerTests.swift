import Foundation
import LatentModels
import Testing

@testable import LatentCLIKit

/// A process trains several runs in turn (a reproduction): each run's handler must see its own signals.
@Suite(.serialized) struct InterruptHandlerTests {
    @Test func eachHandlerInTurnTurnsItsFirstSignalIntoAStopRequest() {
        for signal in [SIGTERM, SIGINT, SIGTERM] {
            let stop = StopRequest()
            let handler = InterruptHandler(stop: stop)
            #expect(handler.receivedSignal == nil)
            kill(getpid(), signal)
            #expect(waitUntil(seconds: 10) { stop.isRequested }, "signal \(signal) was not passed on")
            #expect(handler.receivedSignal == signal)
        }
    }

    @Test func aHandlerForgetsTheSignalOfTheOneBefore() {
        do {
            let handler = InterruptHandler(stop: StopRequest())
            kill(getpid(), SIGINT)
            #expect(waitUntil(seconds: 10) { handler.receivedSignal == SIGINT })
        }
        let stop = StopRequest()
        let handler = InterruptHandler(stop: stop)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(handler.receivedSignal == nil && !stop.isRequested)
    }
}
