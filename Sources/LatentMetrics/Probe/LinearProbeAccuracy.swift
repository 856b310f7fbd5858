import LatentNN

/// The test accuracy of a linear probe: a ``SoftmaxClassifier`` (standardized features, L2 penalty 1/C,
/// scikit-learn's `LogisticRegression(C=1)` by default) fitted to frozen features `train` `[n, d]` with
/// `trainLabels` and scored on `test` `[m, d]` with `testLabels`: the linear evaluation of learned
/// representations. Every class up to the largest training label needs an example.
///
/// Throws `MetricError` for shapes or labels that do not fit, or a value that is not finite.
public func linearProbeAccuracy(
    train: Tensor, trainLabels: [Int], test: Tensor, testLabels: [Int], inverseRegularization C: Double = 1
) throws -> Double {
    guard testLabels.count == test.shape.first, testLabels.allSatisfy({ $0 >= 0 }) else {
        throw MetricError.invalidInput(metric: "linear probe", problem: "\(testLabels.count) test labels (none negative) needed for \(test.shape.first ?? 0) test rows")
    }
    let classifier = try SoftmaxClassifier(
        fitting: train, labels: trainLabels, classCount: max(2, (trainLabels.max() ?? 0) + 1), inverseRegularization: C)
    let predicted = try classifier.predict(test)
    return Double(zip(predicted, testLabels).filter { $0 == $1 }.count) / Double(testLabels.count)
}
