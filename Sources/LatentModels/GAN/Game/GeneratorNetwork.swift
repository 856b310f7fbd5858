import LatentNN

/// A generator: a network that turns a batch of latent inputs into images.
public protocol GeneratorNetwork: Module {
    /// How many classes it can be asked for; nil for an unconditional generator.
    var classCount: Int? { get }
    /// The controls of a style-based generator (StyleGAN); nil for the others.
    var styleSampling: (any StyleSampling)? { get }
    /// The images for `latent`, with history.
    func callAsFunction(_ latent: Latent) -> Tensor
}

/// A plain sequence of layers generates from the noise alone.
extension Sequential: GeneratorNetwork {
    public var classCount: Int? { nil }

    public func callAsFunction(_ latent: Latent) -> Tensor {
        self(latent.noise)
    }
}

extension GeneratorNetwork {
    /// None: the generator reads no styles.
    public var styleSampling: (any StyleSampling)? { nil }

    /// The images for `noise` with no classes asked for (a conditional generator makes the classes 0, 1, …
    /// in turn), with history.
    public func callAsFunction(_ noise: Tensor) -> Tensor {
        self(Latent(noise: noise))
    }
}
