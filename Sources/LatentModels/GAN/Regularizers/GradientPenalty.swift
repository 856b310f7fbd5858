import LatentNN

/// The WGAN-GP gradient penalty (Gulrajani et al. 2017): `λ · E (‖∇D(x̂)‖₂ − 1)²` on random interpolates
/// `x̂ = α·x + (1 − α)·G(z)`, with one α ~ U[0, 1] per sample. The input gradient is differentiated
/// again, so the penalty's gradient reaches the discriminator's parameters. The norm is
/// `√(‖g‖² + 1e-12)`, which keeps its gradient finite where g is zero.
public struct GradientPenalty: DiscriminatorRegularizer {
    /// The penalty's weight λ (10 in the paper).
    public let weight: Float

    public var name: String { "gradient_penalty" }

    public init(weight: Float = 10) {
        self.weight = weight
    }

    public func penalty(discriminator: (Tensor) -> Tensor, real: Tensor, fake: Tensor, generator: inout RandomGenerator) -> Tensor {
        let alpha = Tensor.uniform([real.shape[0]] + Array(repeating: 1, count: real.rank - 1), generator: &generator)
        return penalty(discriminator: discriminator, real: real, fake: fake, alpha: alpha)
    }

    /// The penalty on the interpolates with the given `alpha` (`[batch, 1, …]`).
    public func penalty(discriminator: (Tensor) -> Tensor, real: Tensor, fake: Tensor, alpha: Tensor) -> Tensor {
        let interpolates = withoutGrad { alpha * real + (1 - alpha) * fake }.requiringGrad()
        let norms = (squaredNormPerSample(inputGradient(of: discriminator, at: interpolates)) + 1e-12).sqrt()
        return weight * (norms - 1).square().mean()
    }
}
