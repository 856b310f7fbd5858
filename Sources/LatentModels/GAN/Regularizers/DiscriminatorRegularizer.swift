import LatentNN

/// A penalty added to the discriminator's loss, computed from the discriminator and the batch.
public protocol DiscriminatorRegularizer: Sendable {
    /// A short name for logs, such as `gradient_penalty`; the step logs the penalty as `loss_<name>`.
    var name: String { get }
    /// The penalty for `discriminator` on the real batch and the (detached) fake batch, with history
    /// back to the discriminator's parameters; random draws come from `generator`.
    func penalty(discriminator: (Tensor) -> Tensor, real: Tensor, fake: Tensor, generator: inout RandomGenerator) -> Tensor
}

/// The gradient of `discriminator`'s scores with respect to `inputs` (a tensor requiring gradients),
/// with history so that a penalty on it can be differentiated again (double backward).
func inputGradient(of discriminator: (Tensor) -> Tensor, at inputs: Tensor) -> Tensor {
    gradients(of: discriminator(inputs).sum(), withRespectTo: [inputs], createGraph: true)[0]
}

/// The squared L2 norm of each sample of `x` (`[batch, …]` to `[batch]`).
func squaredNormPerSample(_ x: Tensor) -> Tensor {
    x.reshaped([x.shape[0], -1]).square().sum(axis: 1)
}
