import LatentTensor

/// The cross-entropy between the softmax of `logits` (shape [N, C]) and class indices `labels`
/// (N values in `0..<C`), as PyTorch's `torch.nn.functional.cross_entropy` with class-index targets.
///
/// With `labelSmoothing` ε, the target of each sample is `(1 − ε)` on its class plus `ε / C` on every
/// class, so each sample's loss is `(1 − ε)·(−log p_label) + ε·mean_c(−log p_c)`.
///
/// - Parameters:
///   - logits: the class scores, [N, C].
///   - labels: the class of each sample, in `0..<C`.
///   - labelSmoothing: ε in [0, 1]; 0 (default) for one-hot targets.
///   - reduction: `.mean` (default) averages over the N samples, `.sum` adds them,
///     `.none` gives each sample's loss (shape [N]).
public func crossEntropy(
    _ logits: Tensor, labels: [Int], labelSmoothing: Float = 0, reduction: Reduction = .mean
) -> Tensor {
    precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                 "crossEntropy: expected logits [N, C] and N labels, got logits of shape \(logits.shape) and \(labels.count) labels")
    precondition((0...1).contains(labelSmoothing), "crossEntropy: labelSmoothing must be in [0, 1], got \(labelSmoothing)")
    let classes = logits.shape[1]
    let offValue = labelSmoothing / Float(classes)
    let onValue = 1 - labelSmoothing + offValue
    var target = [Float](repeating: offValue, count: logits.count)
    for (sample, label) in labels.enumerated() {
        precondition((0..<classes).contains(label), "crossEntropy: label \(label) of sample \(sample) is not in 0..<\(classes)")
        target[sample * classes + label] = onValue
    }
    return softTargetCrossEntropy(logits, Tensor(target, shape: logits.shape), reduction: reduction)
}

/// The cross-entropy between the softmax of `logits` (shape [N, C]) and class probabilities of the
/// same shape, as PyTorch's `torch.nn.functional.cross_entropy` with probability targets:
/// each sample's loss is `−Σ_c q_c·log softmax(x)_c`, where `q = (1 − ε)·probabilities + ε / C`.
///
/// - Parameters:
///   - logits: the class scores, [N, C].
///   - probabilities: the target probabilities of each class, [N, C].
///   - labelSmoothing: ε in [0, 1]; 0 (default) for the targets as given.
///   - reduction: `.mean` (default) averages over the N samples, `.sum` adds them,
///     `.none` gives each sample's loss (shape [N]).
public func crossEntropy(
    _ logits: Tensor, probabilities: Tensor, labelSmoothing: Float = 0, reduction: Reduction = .mean
) -> Tensor {
    precondition(logits.rank == 2 && probabilities.shape == logits.shape,
                 "crossEntropy: expected logits [N, C] and probabilities of the same shape, got shapes \(logits.shape) and \(probabilities.shape)")
    precondition((0...1).contains(labelSmoothing), "crossEntropy: labelSmoothing must be in [0, 1], got \(labelSmoothing)")
    let classes = Float(logits.shape[1])
    let target = labelSmoothing == 0 ? probabilities : probabilities * (1 - labelSmoothing) + labelSmoothing / classes
    return softTargetCrossEntropy(logits, target, reduction: reduction)
}

/// `−Σ_c target·log softmax(logits)` per row, reduced over rows.
private func softTargetCrossEntropy(_ logits: Tensor, _ target: Tensor, reduction: Reduction) -> Tensor {
    let logProbabilities = logits - logits.logSumExp(axes: [1], keepDims: true)
    let perSample = -(target * logProbabilities).sum(axis: 1)
    return reduction.apply(perSample)
}
