// Element-wise binary cross-entropy terms, fused so that the forward pass makes one tensor and the
// backward pass (when not recorded) one kernel per input (CLatentKernels' array kernels, but for the probability
// gradient). Reductions and weights are applied by callers.

import CLatentKernels

extension Tensor {
    /// The binary cross-entropy of each probability with the matching target,
    /// `−[y·log p + (1 − y)·log(1 − p)]` with both logs clamped at −100, as PyTorch's
    /// `binary_cross_entropy(p, y, reduction='none')`.
    public func binaryCrossEntropy(targets: Tensor) -> Tensor {
        precondition(shape == targets.shape,
                     "binaryCrossEntropy: probabilities and targets must have the same shape, got shapes \(shape) and \(targets.shape)")
        let p = self, y = targets
        let values = Elementwise.zip(p, y, kernel: latent_binary_cross_entropy_array)
        return Tensor.result(values, inputs: [p, y]) { c in
            if GradMode.isRecording {
                return [c.needs(0) ? c.grad * (p - y) / (p * (1 - p)).clamp(min: 1e-12) : nil,
                        c.needs(1) ? c.grad * ((1 - p).log().clamp(min: -100) - p.log().clamp(min: -100)) : nil]
            }
            let gradP = c.needs(0) ? Elementwise.zip3(c.grad, p, y, BinaryCrossEntropyProbabilityGradient()) : nil
            let gradY = c.needs(1)
                ? Elementwise.zip(c.grad, p, kernel: latent_binary_cross_entropy_target_gradient_array) : nil
            return [gradP, gradY]
        }
    }

    /// The binary cross-entropy of each logit's sigmoid with the matching target, computed stably as
    /// `max(x, 0) − x·y + log(1 + e^{−|x|})`, as PyTorch's `binary_cross_entropy_with_logits(x, y, reduction='none')`.
    ///
    /// The gradient with respect to the logits is `(sigmoid(x) − y)` times the incoming gradient.
    public func binaryCrossEntropyWithLogits(targets: Tensor) -> Tensor {
        precondition(shape == targets.shape,
                     "binaryCrossEntropyWithLogits: logits and targets must have the same shape, got shapes \(shape) and \(targets.shape)")
        let x = self, y = targets
        let values = Elementwise.zip(x, y, kernel: latent_binary_cross_entropy_with_logits_array)
        return Tensor.result(values, inputs: [x, y]) { c in
            if GradMode.isRecording {
                return [c.needs(0) ? c.grad * (x.sigmoid() - y) : nil,
                        c.needs(1) ? -c.grad * x : nil]
            }
            let gradX = c.needs(0) ? Elementwise.zip3(c.grad, x, y, kernel: latent_binary_cross_entropy_with_logits_gradient_array) : nil
            let gradY = c.needs(1) ? -c.grad * x : nil
            return [gradX, gradY]
        }
    }
}
