import LatentNN

/// ClusterGAN's cycle losses on the generator's side (Mukherjee et al. 2019, eq. 4): the encoder must
/// recover the latent vector of each generated image, β_n·mean ‖z_n − E_n(G(z))‖² over the noise values
/// plus β_c·CE(c, E_c(G(z))) over the clusters; minimized by the generator and the encoder together.
public struct ClusterCycleLoss: Term {
    /// The encoder E that reads the generated images.
    public let encoder: ClusterEncoder
    /// σ, the scale of the noise part: z_n = σ·ε for the latent input's standard normal ε.
    public let noiseScale: Float
    /// How many clusters the latent inputs draw from.
    public let clusterCount: Int
    /// β_n, the weight of the noise part's squared error.
    public let noiseWeight: Float
    /// β_c, the weight of the clusters' cross-entropy.
    public let clusterWeight: Float

    /// The cycle losses of `encoder` on images generated from noise of scale `noiseScale` and `clusterCount`
    /// clusters, weighted β_n = `noiseWeight`, β_c = `clusterWeight`.
    public init(encoder: ClusterEncoder, noiseScale: Float, clusterCount: Int, noiseWeight: Float, clusterWeight: Float) {
        self.encoder = encoder
        self.noiseScale = noiseScale
        self.clusterCount = clusterCount
        self.noiseWeight = noiseWeight
        self.clusterWeight = clusterWeight
    }

    public var key: String? { "loss_cycle" }

    public func loss(_ verdict: Verdict<LatentImages>, random: inout RandomGenerator) -> Tensor {
        guard let latent = verdict.fake.latent else { preconditionFailure("ClusterCycleLoss: the generated side carries no latent input") }
        let encoded = encoder(verdict.fake.images)
        let noise = noiseScale * latent.noise.flattened()
        let clusters = latent.labels(classCount: clusterCount)
        return noiseWeight * mseLoss(encoded.noise, noise) + clusterWeight * crossEntropy(encoded.clusterLogits, labels: clusters)
    }
}
