import LatentData
import LatentModels
import LatentReport

/// What a run measures on held-out data after each epoch: the model's own metrics (such as an
/// autoencoder's `val_loss`), logged to `metrics.jsonl`, TensorBoard and the progress output.
struct EpochEvaluation {
    let trainer: Trainer
    let monitor: TrainingMonitor
    let heldOut: DataLoader

    /// Evaluates when `record` ends an epoch (or the run), and returns the values logged.
    func evaluateIfEpochEnded(_ record: StepRecord) throws -> [String: Float]? {
        guard record.step % trainer.data.batchesPerEpoch == 0 || trainer.isFinished,
              let model = trainer.model as? Evaluating else { return nil }
        let values = model.evaluate(heldOut)
        try trainer.log(evaluation: values)
        try monitor.record(evaluation: values, step: record.step)
        return values
    }
}
