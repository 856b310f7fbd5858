import LatentNN

/// How clearly a classifier recognises generated digits: the share of samples it classifies with
/// confidence at least `threshold`, and the share of samples in each predicted class.
public struct ClassConfidence: Sendable, Equatable {
    /// The share of samples whose largest class probability is at least `threshold`.
    public let confidentShare: Double
    /// The share of samples predicted as each class (largest probability), by class.
    public let classShares: [Double]
    /// The confidence threshold.
    public let threshold: Double

    /// The confidence of `probabilities` (`[N ≥ 1, classes]`, rows summing to 1).
    public init(probabilities: Tensor, threshold: Double = 0.9) throws {
        guard probabilities.rank == 2, probabilities.shape[0] >= 1 else {
            throw MetricError.invalidInput(metric: "class confidence", problem: "expected probabilities [N ≥ 1, classes], got \(probabilities.shape)")
        }
        let count = probabilities.shape[0], classes = probabilities.shape[1]
        let values = probabilities.values
        var confident = 0, perClass = [Int](repeating: 0, count: classes)
        for row in 0..<count {
            let probabilitiesOfRow = values[row * classes..<(row + 1) * classes]
            let best = probabilitiesOfRow.indices.max { probabilitiesOfRow[$0] < probabilitiesOfRow[$1] }! - row * classes
            perClass[best] += 1
            if Double(probabilitiesOfRow.max()!) >= threshold { confident += 1 }
        }
        self.confidentShare = Double(confident) / Double(count)
        self.classShares = perClass.map { Double($0) / Double(count) }
        self.threshold = threshold
    }
}
