import LatentData
import LatentNN

/// A digit (or clothing) classifier trained by one optimizer update per batch on the mean
/// cross-entropy of its logits, with the learning rate following a step schedule.
public final class Classifier: Trainable, Evaluating {
    /// The network trained.
    public let model: MNISTConvNet
    /// The optimizer of the network's parameters (`model` in the learning rates).
    public let optimizer: any Optimizer
    /// The learning rate at each optimizer step (the optimizer's own step count, so a resumed run
    /// continues the schedule).
    public let schedule: any LearningRateSchedule & Sendable

    /// A classifier training `model` with `optimizer`, its learning rate set from `schedule` before each step.
    public init(model: MNISTConvNet, optimizer: any Optimizer, schedule: any LearningRateSchedule & Sendable) {
        self.model = model
        self.optimizer = optimizer
        self.schedule = schedule
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        ["model": .module(model), "model_optimizer": .optimizer(optimizer, for: model)]
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("model", optimizer)] }

    public var modules: [(name: String, module: Module)] { [("model", model)] }

    /// One update on images `real` `[N, 1, 28, 28]` in [−1, 1] with their `labels`. Logs `loss`, the mean
    /// cross-entropy, and `train_accuracy`, the fraction of the batch whose largest logit (with dropout,
    /// as trained) is its label.
    public func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome {
        precondition(labels.count == real.shape[0],
                     "Classifier.step: expected one label per image, got \(labels.count) labels for \(real.shape[0]) images")
        optimizer.learningRate = schedule.learningRate(at: optimizer.step)
        let (loss, logits, grads) = valueAndGrad(of: model) { model in
            let logits = model(real)
            return (crossEntropy(logits, labels: labels), logits.detached())
        }
        optimizer.update(model, with: grads)
        return StepOutcome(
            losses: ["loss": loss.item],
            measurements: ["train_accuracy": ClassifierScore.accuracy(logits: logits, labels: labels)])
    }

    /// The model's mean cross-entropy and accuracy on `dataset` (see `MNISTConvNet.evaluate(on:batchSize:)`).
    public func evaluate(on dataset: ImageDataset, batchSize: Int = 500) -> ClassifierScore {
        model.evaluate(on: dataset, batchSize: batchSize)
    }

    /// The model's mean cross-entropy and accuracy on `images` in [−1, 1] with their `labels`.
    public func evaluate(images: Tensor, labels: [Int], batchSize: Int = 500) -> ClassifierScore {
        model.evaluate(images: images, labels: labels, batchSize: batchSize)
    }

    /// `val_loss` (mean cross-entropy) and `val_accuracy` over every batch of `data` (images in [−1, 1], labelled).
    public func evaluate(_ data: DataLoader) -> [String: Float] {
        var lossSum = 0.0, correct = 0.0, count = 0
        for batch in data.epoch(0) {
            let score = model.evaluate(images: batch.inputs, labels: batch.labels, batchSize: batch.labels.count)
            lossSum += Double(score.loss) * Double(score.count)
            correct += Double(score.accuracy) * Double(score.count)
            count += score.count
        }
        let total = Double(Swift.max(count, 1))
        return ["val_loss": Float(lossSum / total), "val_accuracy": Float(correct / total)]
    }
}
