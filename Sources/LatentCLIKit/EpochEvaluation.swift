import LatentData
import LatentMetrics
import LatentModels
import LatentReport

/// What a run measures after its epochs: the model's own metrics on held-out data after every epoch
/// (such as an autoencoder's `val_loss`; for a model with class logits, such as semi-gan's discriminator, its
/// `test_error`, the fraction of test images whose argmax is not their label; for a model with attribute logits,
/// `test_attribute_error`, the fraction of test images' attributes predicted wrongly), and, every `eval_every_epochs`, the digit metrics of 10,000
/// generated samples against the test split (`eval_fid`, `eval_kid`, `eval_is`, `eval_precision`,
/// `eval_recall`, and `eval_class_accuracy` for a class-conditional generator). Values go to `metrics.jsonl`, TensorBoard and the progress output; the checkpoint with the
/// lowest `val_loss` (or, without one, `eval_fid`) is kept as `checkpoints/best`.
struct EpochEvaluation {
    let trainer: Trainer
    let monitor: TrainingMonitor
    /// The test split, for models that evaluate themselves.
    let heldOut: HeldOutData?
    /// The digit metrics and the epochs between them, for generators of digits.
    let digits: (evaluation: DigitEvaluation, everyEpochs: Int, scaling: PixelScaling)?

    /// The evaluations `configuration` asks for of `model` (nil when there are none).
    static func make(entry: ModelEntry, configuration: RunConfiguration, trainer: Trainer, monitor: TrainingMonitor) throws -> EpochEvaluation? {
        let heldOut = try TrainingData.heldOut(for: entry, configuration: configuration, model: trainer.model)
        var digits: (DigitEvaluation, Int, PixelScaling)?
        if let every = configuration.evalEveryEpochs {
            guard trainer.model is SampleGenerating, MNISTVariant(rawValue: configuration.dataset) != nil else {
                throw CommandFailure("--eval-every-epochs needs a generator of mnist or fashion-mnist digits; "
                    + "\(entry.name) on \(configuration.dataset) has no digit metrics")
            }
            digits = (try DigitEvaluation(dataset: configuration.dataset, dataDirectory: configuration.dataDirectory), every, entry.scaling)
        }
        guard heldOut != nil || digits != nil else { return nil }
        return EpochEvaluation(trainer: trainer, monitor: monitor, heldOut: heldOut, digits: digits)
    }

    /// Evaluates when `record` ends an epoch (or the run), and returns the values logged.
    func evaluateIfEpochEnded(_ record: StepRecord) throws -> [String: Float]? {
        let perEpoch = trainer.data.batchesPerEpoch
        guard record.step % perEpoch == 0 || trainer.isFinished else { return nil }
        let epoch = trainer.epoch(ofStep: record.step)
        var values: [String: Float] = [:]
        if let heldOut, let model = trainer.model as? Evaluating {
            values.merge(model.evaluate(heldOut.data)) { $1 }
        }
        if let heldOut, let classifier = trainer.model.classifier {
            let measured = try classificationErrors(classifier, data: heldOut.data)
            values["test_error"] = Float(measured.errors) / Float(measured.count)
        }
        if let heldOut, let classifier = trainer.model.attributeClassifier, let attributes = heldOut.attributes {
            let measured = try attributeErrors(classifier, data: heldOut.data, attributes: attributes)
            values["test_attribute_error"] = Float(measured.errors) / Float(measured.count)
        }
        if let digits, epoch % digits.everyEpochs == 0 || trainer.isFinished, let generator = trainer.model as? SampleGenerating {
            let samples = DigitEvaluation.samples(of: generator, scaling: digits.scaling, count: 10_000, seed: 0)
            let labels = DigitEvaluation.requestedLabels(of: generator, count: 10_000)
            let measured = try digits.evaluation.evaluate(samples, metrics: SampleMetric.allCases, labels: labels).values
            values.merge(measured.mapValues { Float($0) }) { $1 }
        }
        guard !values.isEmpty else { return nil }
        try trainer.log(evaluation: values)
        if let metric = ["val_loss", "eval_fid"].first(where: { values[$0] != nil }) {
            try trainer.keepIfBest(metric: metric, value: values[metric]!)
        }
        try monitor.record(evaluation: values, step: record.step)
        return values
    }
}
