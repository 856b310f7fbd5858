import LatentNN

/// How each step draws the generator's latent input: the noise and, for a conditional generator, the
/// classes asked for. Models with other codes (InfoGAN's uniform continuous codes, ClusterGAN's one-hot
/// clusters beside small noise) bring their own.
public protocol LatentPrior {
    /// The latent input of `count` samples, drawn from `random`.
    func draw(count: Int, random: inout RandomGenerator) -> Latent
    /// The latent input of a training step on the real batch `real`, drawn from `random`: by default
    /// `draw(count:random:)` for the batch's size; a translation GAN's prior takes the images to translate
    /// from the batch.
    func draw(forBatch real: Tensor, random: inout RandomGenerator) -> Latent
    /// The generator's input for `count` samples with no classes asked for, drawn from `random`: what
    /// sampling, grids and evaluations feed it.
    func noise(count: Int, random: inout RandomGenerator) -> Tensor
    /// The generator's inputs for a grid of rows of `columns` laid out by the prior's codes, made from the
    /// fixed inputs `z`; nil when the prior has no codes to lay out.
    func gridLatents(_ z: Tensor, columns: Int) -> Tensor?
    /// The generator's input (noise and classes) for a grid of rows of `columns` laid out by the prior's codes or
    /// classes, made from the fixed inputs `z`; nil when the prior has neither.
    func gridInput(_ z: Tensor, columns: Int) -> Latent?
}

extension LatentPrior {
    public func draw(forBatch real: Tensor, random: inout RandomGenerator) -> Latent {
        draw(count: real.shape[0], random: &random)
    }

    public func noise(count: Int, random: inout RandomGenerator) -> Tensor {
        draw(count: count, random: &random).noise
    }

    public func gridLatents(_ z: Tensor, columns: Int) -> Tensor? { nil }

    /// The grid of `gridLatents(_:columns:)`, with no classes asked for.
    public func gridInput(_ z: Tensor, columns: Int) -> Latent? {
        gridLatents(z, columns: columns).map { Latent(noise: $0) }
    }
}

/// Standard normal noise of `latentShape` per sample, then, for `classCount` classes, a class per sample
/// drawn uniformly.
public struct GaussianPrior: LatentPrior {
    /// The shape of one noise sample, such as `[100]`.
    public let latentShape: [Int]
    /// How many classes are drawn from; nil draws none.
    public let classCount: Int?

    /// The prior of noise of `latentShape` and, with `classCount`, uniform classes.
    public init(latentShape: [Int], classCount: Int? = nil) {
        self.latentShape = latentShape
        self.classCount = classCount
    }

    public func draw(count: Int, random: inout RandomGenerator) -> Latent {
        let noise = Tensor.randn([count] + latentShape, generator: &random)
        return Latent(noise: noise, labels: classCount.map { classes in (0..<count).map { _ in random.nextInt(below: classes) } })
    }

    public func noise(count: Int, random: inout RandomGenerator) -> Tensor {
        Tensor.randn([count] + latentShape, generator: &random)
    }

    /// With classes (a conditional GAN's, ClusterGAN's clusters): one row per class, the same noise down each column
    /// (see `Latent.classRows`); nil without.
    public func gridInput(_ z: Tensor, columns: Int) -> Latent? {
        guard let classCount, z.shape[0] >= 1, columns >= 1 else { return nil }
        return Latent.classRows(z, columns: Swift.min(columns, z.shape[0]), classCount: classCount)
    }
}
