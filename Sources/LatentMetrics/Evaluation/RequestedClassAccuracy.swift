import LatentNN

/// The share of class-conditional samples that a classifier assigns to the class they were generated for:
/// sample i counts when the largest of its class `probabilities` (`[N, classes]`) is at `labels[i]`.
/// Throws when the shapes do not fit or a label is not a class.
public func requestedClassAccuracy(probabilities: Tensor, labels: [Int]) throws -> Double {
    guard probabilities.rank == 2, probabilities.shape[0] >= 1, probabilities.shape[0] == labels.count else {
        throw MetricError.invalidInput(
            metric: "class accuracy",
            problem: "expected probabilities [N ≥ 1, classes] and N labels, got \(probabilities.shape) and \(labels.count) labels")
    }
    let classes = probabilities.shape[1]
    guard let wrong = labels.first(where: { !(0..<classes).contains($0) }) else {
        let predicted = probabilities.argmax(axis: 1).values.map { Int($0) }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }
    throw MetricError.invalidInput(metric: "class accuracy", problem: "label \(wrong) is not one of the \(classes) classes")
}
