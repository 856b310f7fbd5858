/// What a `Trainer` tells the objects watching its run (add them to `Trainer.callbacks`): each step, the end
/// of each epoch, each evaluation it logs and each checkpoint it writes. Every method does nothing unless
/// implemented; an error thrown by one stops `Trainer.train` and reaches its caller.
public protocol TrainingCallback: AnyObject {
    /// Step `record.step` is done and logged (and checkpointed, when it is a checkpoint step).
    func trainer(_ trainer: Trainer, didStep record: StepRecord) throws
    /// The last step of epoch `epoch` (counting from 1) is done; called after `trainer(_:didStep:)` for that step.
    func trainer(_ trainer: Trainer, didFinishEpoch epoch: Int) throws
    /// `Trainer.log(evaluation:)` logged `values` at the trainer's current step.
    func trainer(_ trainer: Trainer, didEvaluate values: [String: Float]) throws
    /// A checkpoint of step `step` was written and is now `checkpoints/latest`.
    func trainer(_ trainer: Trainer, didSaveCheckpointAt step: Int) throws
}

extension TrainingCallback {
    public func trainer(_ trainer: Trainer, didStep record: StepRecord) throws {}
    public func trainer(_ trainer: Trainer, didFinishEpoch epoch: Int) throws {}
    public func trainer(_ trainer: Trainer, didEvaluate values: [String: Float]) throws {}
    public func trainer(_ trainer: Trainer, didSaveCheckpointAt step: Int) throws {}
}
