import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// The trainer's callbacks: which events reach them, in which order, and what a throwing one does.

/// Writes down every event it hears of, as text; throws at step `failAt`.
private final class EventLog: TrainingCallback {
    var events: [String] = []
    let failAt: Int?

    init(failAt: Int? = nil) {
        self.failAt = failAt
    }

    struct Failure: Error, Equatable {}

    func trainer(_ trainer: Trainer, didStep record: StepRecord) throws {
        events.append("step \(record.step)")
        if record.step == failAt { throw Failure() }
    }

    func trainer(_ trainer: Trainer, didFinishEpoch epoch: Int) throws {
        events.append("epoch \(epoch)")
    }

    func trainer(_ trainer: Trainer, didEvaluate values: [String: Float]) throws {
        events.append("evaluation " + values.keys.sorted().joined(separator: ","))
    }

    func trainer(_ trainer: Trainer, didSaveCheckpointAt step: Int) throws {
        events.append("checkpoint \(step)")
    }
}

@Suite(.serialized) struct TrainingCallbackTests {
    @Test func callbacksHearEveryEventInOrder() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        // 8 batches per epoch, 10 steps, a checkpoint every 3 steps and at the end.
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(model: "tiny-vae", steps: 10, checkpointEvery: 3),
                                  data: try tinyLoader(), makeModel: tinyVAE)
        let log = EventLog()
        var heard: [Int] = []
        try trainer.train(callbacks: [log]) { record in
            heard.append(record.step)
            if record.step % 8 == 0 { try? trainer.log(evaluation: ["val_loss": 1]) }
        }
        #expect(heard == Array(1...10))
        #expect(log.events == [
            "step 1", "step 2", "checkpoint 3", "step 3", "step 4", "step 5", "checkpoint 6", "step 6", "step 7",
            "step 8", "epoch 1", "evaluation val_loss", "checkpoint 9", "step 9", "step 10", "checkpoint 10",
        ])
    }

    @Test func aThrowingCallbackStopsTrainingWithItsError() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(model: "tiny-vae", checkpointEvery: 100),
                                  data: try tinyLoader(), makeModel: tinyVAE)
        #expect(throws: EventLog.Failure()) { try trainer.train(callbacks: [EventLog(failAt: 2)]) }
        #expect(trainer.completedSteps == 2)
        // The steps before are logged; training goes on from there.
        try trainer.train()
        #expect(trainer.isFinished)
    }

    @Test func theTrainerLetsGoOfItsCallbacksWhenTrainingEnds() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(model: "tiny-vae", steps: 2),
                                  data: try tinyLoader(), makeModel: tinyVAE)
        weak var released: EventLog?
        try {
            let log = EventLog()
            released = log
            try trainer.train(callbacks: [log])
            #expect(log.events.contains("step 2"))
        }()
        #expect(released == nil)
    }
}
