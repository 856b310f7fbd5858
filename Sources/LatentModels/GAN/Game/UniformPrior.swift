import LatentNN

/// Noise of `latentShape` per sample drawn uniformly from [0, 1) (the generators of Salimans et al. 2016).
public struct UniformPrior: LatentPrior {
    /// The shape of one noise sample, such as `[100]`.
    public let latentShape: [Int]

    /// The prior of uniform noise of `latentShape`.
    public init(latentShape: [Int]) {
        self.latentShape = latentShape
    }

    public func draw(count: Int, random: inout RandomGenerator) -> Latent {
        Latent(noise: Tensor.uniform([count] + latentShape, generator: &random))
    }
}
