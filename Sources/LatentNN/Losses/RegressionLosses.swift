import LatentTensor

/// The squared error between `input` and `target` of the same shape, as PyTorch's
/// `torch.nn.functional.mse_loss`.
///
/// - Parameters:
///   - input: the predictions.
///   - target: the targets, of the same shape.
///   - reduction: `.mean` (default) averages over every element, `.sum` adds them, `.none` keeps them.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    precondition(input.shape == target.shape,
                 "mseLoss: input and target must have the same shape, got shapes \(input.shape) and \(target.shape)")
    return reduction.apply((input - target).square())
}

/// The absolute error between `input` and `target` of the same shape, as PyTorch's
/// `torch.nn.functional.l1_loss`.
///
/// - Parameters:
///   - input: the predictions.
///   - target: the targets, of the same shape.
///   - reduction: `.mean` (default) averages over every element, `.sum` adds them, `.none` keeps them.
public func l1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    precondition(input.shape == target.shape,
                 "l1Loss: input and target must have the same shape, got shapes \(input.shape) and \(target.shape)")
    return reduction.apply((input - target).abs())
}
