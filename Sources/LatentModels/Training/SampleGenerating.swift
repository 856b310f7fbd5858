import LatentNN

/// A trained model that turns latent vectors into samples: a GAN's generator, a VAE's decoder.
public protocol SampleGenerating: AnyObject {
    /// The shape of one latent vector, such as `[100]` or `[100, 1, 1]`.
    var latentShape: [Int] { get }
    /// The samples for latent vectors `z` of shape `[count] + latentShape`, without history.
    func generate(_ z: Tensor) -> Tensor
    /// `count` latent vectors drawn from the model's prior with `generator`, `[count] + latentShape`.
    func noise(count: Int, generator: inout RandomGenerator) -> Tensor
    /// The latent vectors of a sample grid of rows of `columns` laid out by the model's own codes (InfoGAN:
    /// a row per categorical value, sweeps of each continuous code), made from the fixed latent vectors `z`;
    /// nil when the model has no layout of its own.
    func gridLatents(_ z: Tensor, columns: Int) -> Tensor?
    /// The style controls of a style-based generator (truncation, mixing, noise); nil for the others.
    var styleSampling: (any StyleSampling)? { get }
    /// The samples of a grid of rows of `columns` laid out by the model's own codes or classes (InfoGAN's codes,
    /// ClusterGAN's clusters, a conditional GAN's classes: one row per value), made from the fixed latent vectors `z`
    /// and generated without history; nil when the model has no layout of its own.
    func gridSamples(_ z: Tensor, columns: Int) -> Tensor?
}

extension SampleGenerating {
    /// Standard normal vectors: the prior of models that say nothing else.
    public func noise(count: Int, generator: inout RandomGenerator) -> Tensor {
        Tensor.randn([count] + latentShape, generator: &generator)
    }

    public func gridLatents(_ z: Tensor, columns: Int) -> Tensor? { nil }

    /// None: the model has no styles.
    public var styleSampling: (any StyleSampling)? { nil }
    /// The samples of `gridLatents(_:columns:)`.
    public func gridSamples(_ z: Tensor, columns: Int) -> Tensor? {
        gridLatents(z, columns: columns).map(generate)
    }
}
