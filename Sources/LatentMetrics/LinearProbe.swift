import LatentNN

/// The test accuracy of a linear probe: a softmax classifier (multinomial logistic regression) trained
/// on frozen features `train` (`[n, d]`, labels `trainLabels` in `0..<classes`) and scored on `test`
/// (`[m, d]`, labels `testLabels`), the linear evaluation of learned representations. Features are
/// standardized with the training rows' mean and deviation; the weights minimize the mean cross-entropy
/// plus (λ/2)‖W‖² (the bias unpenalized; λ = `l2`, by default 1/n, which is scikit-learn's
/// `LogisticRegression(C=1)`), from zero by `iterations` steps of Nesterov-accelerated gradient descent
/// with step 1/L, L the gradient's Lipschitz bound, so the result does not depend on a seed.
///
/// Throws `MetricError.invalidInput` for shapes or labels that do not fit, or a value that is not finite.
public func linearProbeAccuracy(
    train: Tensor, trainLabels: [Int], test: Tensor, testLabels: [Int], l2: Double? = nil, iterations: Int = 1000
) throws -> Double {
    let metric = "linear probe"
    try checkFeatures(train, name: "training", metric: metric, minimumCount: 2, reason: "a probe needs two labelled samples")
    try checkFeatures(test, name: "test", metric: metric, minimumCount: 1, reason: "accuracy needs a test sample")
    try checkSameDimension(train, test, metric: metric)
    guard trainLabels.count == train.shape[0], testLabels.count == test.shape[0],
          (trainLabels + testLabels).allSatisfy({ $0 >= 0 }), iterations >= 1, (l2 ?? 0) >= 0 else {
        throw MetricError.invalidInput(
            metric: metric, problem: "expected one label ≥ 0 per row (\(trainLabels.count) for \(train.shape[0]) training rows, "
                + "\(testLabels.count) for \(test.shape[0]) test rows), at least 1 iteration and l2 ≥ 0")
    }
    let classes = (trainLabels + testLabels).max()! + 1
    return withoutGrad {
        let (mean, deviation) = (train.mean(axis: 0, keepDims: true), train.variance(axes: [0], unbiased: false, keepDims: true).sqrt())
        let scale = deviation.withValues { Tensor($0.map { $0 > 1e-6 ? 1 / $0 : 1 }, shape: deviation.shape) }
        let x = (train - mean) * scale, n = Float(train.shape[0])
        let lambda = Float(l2 ?? 1 / Double(n))
        var oneHot = [Float](repeating: 0, count: trainLabels.count * classes)
        for (row, label) in trainLabels.enumerated() { oneHot[row * classes + label] = 1 }
        let targets = Tensor(oneHot, shape: [trainLabels.count, classes])
        let largestSquaredNorm = (x.square().sum(axis: 1) + 1).max().item
        let step = 1 / (0.5 * largestSquaredNorm + lambda)
        var weight = Tensor.zeros([x.shape[1], classes]), bias = Tensor.zeros([1, classes])
        var previous = (weight, bias)
        for iteration in 0..<iterations {
            let momentum = Float(iteration) / Float(iteration + 3)
            let lookWeight = weight + momentum * (weight - previous.0), lookBias = bias + momentum * (bias - previous.1)
            let error = ((x.matmul(lookWeight) + lookBias).softmax(axis: 1) - targets) / n
            previous = (weight, bias)
            weight = lookWeight - step * (Tensor.matmul(x, error, transposeA: true, transposeB: false) + lambda * lookWeight)
            bias = lookBias - step * error.sum(axis: 0, keepDims: true)
        }
        let predicted = (((test - mean) * scale).matmul(weight) + bias).argmax(axis: 1).values
        return Double(zip(predicted, testLabels).filter { Int($0) == $1 }.count) / Double(testLabels.count)
    }
}
