import LatentNN

/// The R1 penalty (Mescheder et al. 2018): `γ/2 · E ‖∇D(x)‖²` on real samples, differentiated through
/// the input gradient (double backward). It draws nothing at random.
public struct R1Penalty: DiscriminatorRegularizer {
    /// The penalty's weight γ.
    public let gamma: Float

    public var name: String { "r1" }

    public init(gamma: Float) {
        self.gamma = gamma
    }

    public func penalty(discriminator: (Tensor) -> Tensor, real: Tensor, fake: Tensor, generator: inout RandomGenerator) -> Tensor {
        penalty(discriminator: discriminator, real: real)
    }

    /// The penalty on the real batch `real`.
    public func penalty(discriminator: (Tensor) -> Tensor, real: Tensor) -> Tensor {
        let inputs = real.detached().requiringGrad()
        return gamma / 2 * squaredNormPerSample(inputGradient(of: discriminator, at: inputs)).mean()
    }
}
