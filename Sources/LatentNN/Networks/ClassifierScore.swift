import LatentTensor

/// How well a classifier does on a set of labelled images.
public struct ClassifierScore: Sendable, Equatable {
    /// The mean cross-entropy over the images (`val_loss` in `metrics.jsonl`).
    public let loss: Float
    /// The fraction of images whose largest logit is their label (`val_accuracy`).
    public let accuracy: Float
    /// How many images were scored.
    public let count: Int

    /// A score of `count` images with mean cross-entropy `loss` and fraction right `accuracy`.
    public init(loss: Float, accuracy: Float, count: Int) {
        self.loss = loss
        self.accuracy = accuracy
        self.count = count
    }

    /// The fraction of rows of `logits` `[N, C]` whose largest value is at the row's label.
    public static func accuracy(logits: Tensor, labels: [Int]) -> Float {
        Float(correctCount(logits: logits, labels: labels)) / Float(Swift.max(labels.count, 1))
    }

    /// The number of rows of `logits` `[N, C]` whose largest value is at the row's label.
    static func correctCount(logits: Tensor, labels: [Int]) -> Int {
        let predicted = logits.argmax(axis: 1).values
        return zip(predicted, labels).filter { Int($0.0) == $0.1 }.count
    }
}

extension MNISTConvNet {
    /// The mean cross-entropy and accuracy on `images` `[N, 1, 28, 28]` in [−1, 1] with their `labels`,
    /// in evaluation mode, `batchSize` images at a time.
    public func evaluate(images: Tensor, labels: [Int], batchSize: Int = 500) -> ClassifierScore {
        precondition(images.rank == 4 && images.shape[0] == labels.count,
                     "MNISTConvNet.evaluate: expected images [N, 1, 28, 28] and N labels, got \(images.shape) and \(labels.count) labels")
        precondition(batchSize > 0, "MNISTConvNet.evaluate: batch size must be positive, got \(batchSize)")
        return inEvaluationMode {
            var lossSum: Double = 0, correct = 0
            for start in stride(from: 0, to: labels.count, by: batchSize) {
                let end = Swift.min(start + batchSize, labels.count)
                let batchLabels = Array(labels[start..<end])
                let logits = self(images.slice(axis: 0, range: start..<end))
                lossSum += Double(crossEntropy(logits, labels: batchLabels, reduction: .sum).item)
                correct += ClassifierScore.correctCount(logits: logits, labels: batchLabels)
            }
            let count = Swift.max(labels.count, 1)
            return ClassifierScore(loss: Float(lossSum / Double(count)), accuracy: Float(correct) / Float(count), count: labels.count)
        }
    }
}
