import LatentNN

extension AdversarialGame {
    /// The objective's terms for each player: the discriminator's loss with real samples aimed at
    /// 1 − `options.labelSmoothing`, and the generator's loss, or feature matching in its place when
    /// `options.featureMatching` is on.
    public static func objectiveTerms(_ objective: any GANObjective, options: GANOptions)
        -> (discriminator: [any Term<Sample>], generator: [any Term<Sample>]) {
        let generator: any Term<Sample> = options.featureMatching ? FeatureMatching<Sample>() : GeneratorObjective<Sample>(objective)
        return ([DiscriminatorObjective<Sample>(objective, realTarget: 1 - options.labelSmoothing)], [generator])
    }
}

extension AdversarialGame where Sample == Tensor {
    /// An unconditional GAN of `generator` and `discriminator` on images alone, each player minimizing the
    /// objective's terms (`objectiveTerms`).
    public convenience init(
        generator: any GeneratorNetwork, discriminator: any Discriminating<Tensor>, generatorOptimizer: any Optimizer,
        discriminatorOptimizer: any Optimizer, objective: any GANObjective, latentShape: [Int],
        options: GANOptions = GANOptions(), generatorAverage: GeneratorAverage? = nil
    ) {
        let terms = Self.objectiveTerms(objective, options: options)
        self.init(
            generator: generator, generatorOptimizer: generatorOptimizer,
            discriminator: discriminator, discriminatorOptimizer: discriminatorOptimizer,
            sides: ImageSides(), objective: objective, discriminatorTerms: terms.discriminator, generatorTerms: terms.generator,
            latentShape: latentShape, options: options, generatorAverage: generatorAverage)
    }
}
