import LatentTensor

/// The binary cross-entropy between `probabilities` and `targets` of the same shape, as PyTorch's
/// `torch.nn.functional.binary_cross_entropy`: `−w·[y·log p + (1 − y)·log(1 − p)]`, with both logs
/// clamped at −100 so that probabilities of exactly 0 or 1 give finite losses.
///
/// - Parameters:
///   - probabilities: the predicted probabilities, in [0, 1].
///   - targets: the targets, in [0, 1], of the same shape.
///   - weight: a rescaling weight broadcast against each element's loss.
///   - reduction: `.mean` (default) averages over every element, `.sum` adds them, `.none` keeps them.
public func binaryCrossEntropy(
    _ probabilities: Tensor, _ targets: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) -> Tensor {
    var losses = probabilities.binaryCrossEntropy(targets: targets)
    if let weight { losses = losses * weight }
    return reduction.apply(losses)
}

/// The binary cross-entropy between `sigmoid(logits)` and `targets` of the same shape, computed
/// stably from the logits, as PyTorch's `torch.nn.functional.binary_cross_entropy_with_logits`.
///
/// Each element's loss is `max(x, 0) − x·y + log(1 + e^{−|x|})`; with `posWeight` it is
/// `(1 − y)·x + (1 + (posWeight − 1)·y)·log(1 + e^{−x})`, which weights the positive term.
///
/// - Parameters:
///   - logits: the predicted logits.
///   - targets: the targets, in [0, 1], of the same shape.
///   - weight: a rescaling weight broadcast against each element's loss.
///   - posWeight: the weight of positive examples, broadcast against the logits (one per class, last axis).
///   - reduction: `.mean` (default) averages over every element, `.sum` adds them, `.none` keeps them.
public func binaryCrossEntropyWithLogits(
    _ logits: Tensor, _ targets: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
    reduction: Reduction = .mean
) -> Tensor {
    var losses = logits.binaryCrossEntropyWithLogits(targets: targets)
    if let posWeight {
        // (1 + (w − 1)·y)·softplus(−x) = softplus(−x) + (w − 1)·y·softplus(−x); the first part is in `losses`.
        losses = losses + (posWeight - 1) * targets * (-logits).softplus()
    }
    if let weight { losses = losses * weight }
    return reduction.apply(losses)
}
