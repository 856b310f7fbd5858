import LatentNN

/// StyleGAN's generator (Karras et al. 2019): the mapping network turns z into w, which styles every layer of
/// the synthesis network. In training mode, with probability `mixingProbability` a second z styles the
/// layers from a random crossover on (style-mixing regularization). Images larger than the data are
/// cropped at the centre to `outputSize` (MNIST's 28×28 digits from a 32×32 synthesis).
public final class StyleGenerator: Module, GeneratorNetwork, StyleSampling {
    public let mapping: MappingNetwork
    public let synthesis: SynthesisNetwork
    /// The chance that a training batch mixes two styles.
    public let mixingProbability: Float
    /// The side of the images returned.
    public let outputSize: Int

    /// A generator of `outputSize`×`outputSize` images cut from the synthesis network's, mixing styles with
    /// `mixingProbability` in training.
    public init(mapping: MappingNetwork, synthesis: SynthesisNetwork, mixingProbability: Float = 0.9, outputSize: Int? = nil) {
        precondition((0...1).contains(mixingProbability), "StyleGenerator: mixingProbability must be in [0, 1], got \(mixingProbability)")
        precondition(mapping.latentSize == synthesis.styleSize,
                     "StyleGenerator: the mapping network makes w of \(mapping.latentSize) values, the synthesis network reads \(synthesis.styleSize)")
        let size = outputSize ?? synthesis.resolution
        precondition(size > 0 && size <= synthesis.resolution && (synthesis.resolution - size) % 2 == 0,
                     "StyleGenerator: cannot cut \(size)×\(size) images from the centre of \(synthesis.resolution)×\(synthesis.resolution) ones")
        self.mapping = mapping
        self.synthesis = synthesis
        self.mixingProbability = mixingProbability
        self.outputSize = size
        super.init()
    }

    public var classCount: Int? { nil }

    public var styleSampling: (any StyleSampling)? { self }

    public var latentSize: Int { mapping.latentSize }

    public var styleSides: [Int] { synthesis.noiseShapes.map { $0[1] } }

    /// The images for `latent.noise` `[N, latentSize]`, with history; noise maps (and, in training, mixing)
    /// drawn from the global generator.
    public func callAsFunction(_ latent: Latent) -> Tensor {
        let w = mapping(latent.noise)
        var styles = [Tensor](repeating: w, count: styleCount)
        if training, styleCount > 1, GlobalRandom.use({ $0.nextUniform() }) < mixingProbability {
            let crossover = GlobalRandom.use { 1 + $0.nextInt(below: styleCount - 1) }
            let second = mapping(Tensor.randn(latent.noise.shape))
            styles = StyleMixing.mixed(w, second, crossover: crossover, count: styleCount)
        }
        let noise = GlobalRandom.use { noiseMaps(count: latent.noise.shape[0], random: &$0) }
        return render(styles, noise: noise)
    }

    public func styles(_ z: Tensor, truncation psi: Float) -> Tensor {
        mapping.truncated(mapping(z), psi: psi)
    }

    public func synthesize(_ styles: [Tensor], random: inout RandomGenerator) -> Tensor {
        render(styles, noise: noiseMaps(count: styles[0].shape[0], random: &random))
    }

    /// Standard normal noise maps for `count` samples, one per styled layer.
    private func noiseMaps(count: Int, random: inout RandomGenerator) -> [Tensor] {
        synthesis.noiseShapes.map { Tensor.randn([count] + $0, generator: &random) }
    }

    /// The synthesis network's images for `styles` and `noise`, cut to `outputSize` at the centre.
    private func render(_ styles: [Tensor], noise: [Tensor]) -> Tensor {
        let images = synthesis(styles: styles, noise: noise)
        let cut = (synthesis.resolution - outputSize) / 2
        guard cut > 0 else { return images }
        let window = cut..<(cut + outputSize)
        return images.slice(axis: 2, range: window).slice(axis: 3, range: window)
    }
}

/// Style mixing: the per-layer styles of two latents crossed over at one layer.
public enum StyleMixing {
    /// `count` per-layer styles: `first` for the layers before `crossover`, `second` from it on.
    public static func mixed(_ first: Tensor, _ second: Tensor, crossover: Int, count: Int) -> [Tensor] {
        precondition((0...count).contains(crossover), "StyleMixing: crossover must be in 0...\(count), got \(crossover)")
        return (0..<count).map { $0 < crossover ? first : second }
    }
}
