import LatentNN

/// How catalog entries put a GAN together from their settings: the optimizers, the tricks of
/// `GANOptions` and, when `g_ema` is on, a second generator for the average.
struct GANBuilder {
    /// The optimizer both networks use, each at its own learning rate.
    enum OptimizerKind {
        /// Adam with the given betas.
        case adam(Float, Float)
        /// RMSprop with PyTorch's defaults (the original WGAN).
        case rmsprop

        func make(learningRate: Float) -> any Optimizer {
            switch self {
            case .adam(let beta1, let beta2): Adam(learningRate: learningRate, betas: (beta1, beta2))
            case .rmsprop: RMSprop(learningRate: learningRate)
            }
        }
    }

    let sampleShape: [Int]
    let latentShape: [Int]
    let objective: any GANObjective
    let optimizer: OptimizerKind
    let generator: () -> any Layer

    /// The GAN for `settings` with `discriminator`; throws when an option's value is not allowed or
    /// does not fit the objective, the samples or the discriminator.
    func build(_ settings: ModelSettings, discriminator: any Layer) throws -> GAN {
        let options = try GANOptions(settings.options, objective: objective, sampleShape: sampleShape)
        if options.featureMatching && !(discriminator is Sequential) {
            throw TrainingError.invalidConfiguration(
                "model \(settings.model): feature_matching needs a discriminator that is a plain sequence of layers")
        }
        let network = generator()
        return GAN(
            generator: network, discriminator: discriminator,
            generatorOptimizer: optimizer.make(learningRate: settings.learningRate("generator")),
            discriminatorOptimizer: optimizer.make(learningRate: settings.learningRate("discriminator")),
            objective: objective, latentShape: latentShape, options: options,
            generatorAverage: options.generatorAverageDecay.map { GeneratorAverage(module: generator(), decay: $0) })
    }
}
