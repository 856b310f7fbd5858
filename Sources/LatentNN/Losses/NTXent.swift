import LatentTensor

/// The NT-Xent loss of SimCLR (Chen et al. 2020), the InfoNCE form of contrastive learning: `first` and
/// `second` (`[N, d]`) hold two views of N images, row i of each a positive pair; every other view in the
/// batch, and every row of `negatives` (`[M, d]`, such as a discriminator's fakes), is a negative. With
/// cosine similarities s and temperature τ, each of the 2N views a as anchor with positive p scores
/// `−log(exp(s(a, p)/τ) / Σ_{k ≠ a} exp(s(a, k)/τ))`, k over the 2N views and the M negatives; the loss is
/// the mean over the 2N anchors. Rows are normalized as `torch.nn.functional.normalize` does
/// (`x / max(‖x‖, 1e-12)`).
public func ntXentLoss(_ first: Tensor, _ second: Tensor, negatives: Tensor? = nil, temperature: Float) -> Tensor {
    precondition(first.rank == 2 && first.shape == second.shape && first.shape[0] >= 1,
                 "ntXentLoss: expected two views of the same shape [N, d], got \(first.shape) and \(second.shape)")
    precondition(negatives.map { $0.rank == 2 && $0.shape[1] == first.shape[1] } ?? true,
                 "ntXentLoss: negatives must be [M, \(first.shape[1])], got \(negatives?.shape ?? [])")
    precondition(temperature > 0 && temperature.isFinite, "ntXentLoss: temperature must be positive, got \(temperature)")
    let count = first.shape[0]
    let anchors = unitRows(Tensor.concatenated([first, second], axis: 0))
    let candidates = negatives.map { Tensor.concatenated([anchors, unitRows($0)], axis: 0) } ?? anchors
    let columns = candidates.shape[0]
    var selfMask = [Float](repeating: 0, count: 2 * count * columns)
    for row in 0..<(2 * count) { selfMask[row * columns + row] = -1e9 }
    let logits = Tensor.matmul(anchors, candidates, transposeA: false, transposeB: true) / temperature
        + Tensor(selfMask, shape: [2 * count, columns])
    let positives = (0..<(2 * count)).map { ($0 + count) % (2 * count) }
    return crossEntropy(logits, labels: positives)
}

/// The rows of `x` divided by their Euclidean norms (at least 1e-12).
private func unitRows(_ x: Tensor) -> Tensor {
    x / x.square().sum(axis: 1, keepDims: true).sqrt().clamp(min: 1e-12)
}
