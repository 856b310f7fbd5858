import LatentNN

/// How catalog entries put a GAN together from their settings: the optimizers, the tricks of
/// `GANOptions`, the objective's terms and, when `g_ema` is on, a second generator for the average.
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
    let generator: () -> any GeneratorNetwork

    /// What a game adds to the standard one: the generator's allies, its own prior, the generator's
    /// objective term in place of the objective's, representations, the encoding for reconstructions, the
    /// clock of growing networks and, for a translation GAN, its grids made with the generator from a batch of the data.
    struct Extras<Sample: AdversarialSample> {
        var allies: [Player] = []
        var prior: (any LatentPrior)?
        var generatorObjective: (any Term<Sample>)?
        var representations: [Representation] = []
        var encoding: ((Tensor) -> Latent)?
        var growth: GrowthClock?
        var translation: ((any GeneratorNetwork, Tensor) -> [(name: String, rows: [Tensor])])?
    }

    /// The game for `settings` with `discriminator` (built before the generator, as initialization draws
    /// in that order; the heads of the self-supervised tasks after it) on `sides`, each player minimizing
    /// the objective's terms, the tasks' terms and `extraTerms`, with `extras`; throws when an option's value
    /// is not allowed or does not fit the objective or the samples.
    func build<Sample>(
        _ settings: ModelSettings, discriminator: any Discriminating<Sample>, sides: any Sides<Sample>,
        extraTerms: (discriminator: [any Term<Sample>], generator: [any Term<Sample>]) = ([], []),
        extras: Extras<Sample> = Extras()
    ) throws -> AdversarialGame<Sample> {
        let options = try GANOptions(settings.options, objective: objective, sampleShape: sampleShape)
        let tasks = try SelfSupervision(settings.options, sampleShape: sampleShape)
        let terms = AdversarialGame<Sample>.objectiveTerms(objective, options: options)
        let generatorTerms = extras.generatorObjective.map { [$0] } ?? terms.generator
        let taskTerms: (discriminator: [any Term<Sample>], generator: [any Term<Sample>]) = tasks.terms(sampleShape: sampleShape)
        let network = generator()
        let judge = tasks.isActive
            ? tasks.discriminator(wrapping: discriminator, featureCount: featureCount(of: discriminator, sides: sides)) : discriminator
        return AdversarialGame(
            generator: network, generatorOptimizer: optimizer.make(learningRate: settings.learningRate("generator")),
            discriminator: judge, discriminatorOptimizer: optimizer.make(learningRate: settings.learningRate("discriminator")),
            allies: extras.allies, prior: extras.prior, sides: sides, objective: objective,
            discriminatorTerms: terms.discriminator + taskTerms.discriminator + extraTerms.discriminator,
            generatorTerms: generatorTerms + taskTerms.generator + extraTerms.generator,
            latentShape: latentShape, options: options,
            generatorAverage: options.generatorAverageDecay.map { GeneratorAverage(module: generator(), decay: $0) },
            representations: extras.representations, encoding: extras.encoding, growth: extras.growth,
            translation: extras.translation.map { grids in { batch in grids(network, batch) } })
    }

    /// How many features `discriminator` gives, from a pass over two blank real samples in evaluation
    /// mode (which changes no state).
    private func featureCount<Sample: AdversarialSample>(of discriminator: any Discriminating<Sample>, sides: any Sides<Sample>) -> Int {
        let wasTraining = discriminator.training
        _ = discriminator.eval()
        defer { _ = discriminator.train(wasTraining) }
        return withoutGrad { discriminator.features(sides.real(Tensor.zeros([2] + sampleShape), labels: nil)) }.shape[1]
    }
}
