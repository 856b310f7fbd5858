import LatentNN

/// Noise of `latentShape` per sample drawn uniformly from [low, high): [0, 1) for the generators of
/// Salimans et al. 2016, [−1, 1) for BiGAN's codes on permutation-invariant MNIST.
public struct UniformPrior: LatentPrior {
    /// The shape of one noise sample, such as `[100]`.
    public let latentShape: [Int]
    /// The lower end of each value's range, included.
    public let low: Float
    /// The upper end of each value's range, excluded.
    public let high: Float

    /// The prior of uniform noise of `latentShape` in [low, high).
    public init(latentShape: [Int], low: Float, high: Float) {
        precondition(low < high, "UniformPrior: expected low < high, got \(low) and \(high)")
        self.latentShape = latentShape
        self.low = low
        self.high = high
    }

    public func draw(count: Int, random: inout RandomGenerator) -> Latent {
        Latent(noise: Tensor.uniform([count] + latentShape, low: low, high: high, generator: &random))
    }
}
