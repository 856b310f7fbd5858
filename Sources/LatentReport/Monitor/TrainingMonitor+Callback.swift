import LatentModels

/// A monitor given to `Trainer.train(callbacks:onStep:)` records each step, as `record(_:)` does, and each
/// evaluation the trainer logs, as `record(evaluation:step:)` does.
extension TrainingMonitor: TrainingCallback {
    public func trainer(_ trainer: Trainer, didStep record: StepRecord) throws {
        try self.record(record)
    }

    public func trainer(_ trainer: Trainer, didEvaluate values: [String: Float]) throws {
        try record(evaluation: values, step: trainer.completedSteps)
    }
}
