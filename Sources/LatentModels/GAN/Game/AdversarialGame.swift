import LatentNN

/// A generator and a discriminator trained against each other, with allies of the generator (an
/// encoder) when a model has them: one training loop for every GAN.
///
/// Each player has its own optimizer. The discriminator reads the `Sample` that `sides` makes of the real
/// data and of the generator's images, and returns named heads; each player's loss is a sum of terms that
/// read those heads (the objective, auxiliary losses of options), plus, for the discriminator, the
/// penalties of `options.regularizers`. A step draws noise (and requested classes), makes the real and
/// fake samples, updates the discriminator once on them detached, and on every `criticSteps`-th
/// discriminator update also updates the generator and its allies through the updated discriminator on
/// the same samples; other steps log no `loss_g`.
public final class AdversarialGame<Sample: AdversarialSample>: Trainable {
    /// The generator, saved as `generator`.
    public let generator: any GeneratorNetwork
    /// The discriminator, saved as `discriminator`.
    public let discriminator: any Discriminating<Sample>
    /// Every player: the discriminator, the generator, then the generator's allies.
    public let players: [Player]
    /// How each step draws the generator's latent input.
    public let prior: any LatentPrior
    /// How real data and generated images become the discriminator's samples.
    public let sides: any Sides<Sample>
    /// The objective, for the discriminator's probabilities in logs.
    public let objective: any GANObjective
    /// What the discriminator minimizes, besides the penalties of `options.regularizers`.
    public let discriminatorTerms: [any Term<Sample>]
    /// What the generator and its allies minimize.
    public let generatorTerms: [any Term<Sample>]
    /// The training tricks in use.
    public let options: GANOptions
    /// The moving average of the generator's weights that samples come from, when `g_ema` is on.
    public let generatorAverage: GeneratorAverage?
    /// The shape of one noise sample, such as `[100]` or `[100, 1, 1]`.
    public let latentShape: [Int]
    /// The model's own ways to map images to vectors (an encoder's codes, a Q head's cluster logits),
    /// listed after the discriminator's features.
    public let ownRepresentations: [Representation]
    /// How images map back to the generator's latent input (an encoder), for reconstructions G(E(x)); nil
    /// for a game without an encoder.
    public let encoding: ((Tensor) -> Latent)?
    /// The translation grids of a batch of the data (CycleGAN's A → B → A and B → A → B); nil for a game
    /// that does not translate.
    public let translation: ((Tensor) -> [(name: String, rows: [Tensor])])?
    /// The network that translates target images back to sources (CycleGAN's G_BA); nil when there is none.
    public let inverseGenerator: (any GeneratorNetwork)?
    /// The clock a growing GAN's networks read their resolution from; nil for a GAN that does not grow.
    public let growth: GrowthClock?

    /// A game of `generator` and `discriminator` (and the generator's `allies`, trained with it on the
    /// generator's terms), each with its optimizer, on the samples `sides` makes from latent inputs drawn
    /// from `prior` (by default `GaussianPrior` of `latentShape` and the generator's classes);
    /// `generatorAverage` (required when `options` sets `generatorAverageDecay`) starts from the generator's
    /// weights; `representations` are offered after the discriminator's features; `encoding` maps images
    /// back to latent inputs (without history) for reconstructions; `growth` is the clock of growing networks;
    /// `translation` makes the grids of `Translating`, and `inverseGenerator` translates back. Stops when two players (or an ally and `generator_ema`) share a name.
    public init(
        generator: any GeneratorNetwork, generatorOptimizer: any Optimizer,
        discriminator: any Discriminating<Sample>, discriminatorOptimizer: any Optimizer, allies: [Player] = [],
        prior: (any LatentPrior)? = nil, sides: any Sides<Sample>, objective: any GANObjective,
        discriminatorTerms: [any Term<Sample>], generatorTerms: [any Term<Sample>],
        latentShape: [Int], options: GANOptions = GANOptions(), generatorAverage: GeneratorAverage? = nil,
        representations: [Representation] = [], encoding: ((Tensor) -> Latent)? = nil, growth: GrowthClock? = nil,
        translation: ((Tensor) -> [(name: String, rows: [Tensor])])? = nil, inverseGenerator: (any GeneratorNetwork)? = nil
    ) {
        precondition((options.generatorAverageDecay == nil) == (generatorAverage == nil),
                     "AdversarialGame: a generator average is needed exactly when options.generatorAverageDecay is set")
        self.generator = generator
        self.discriminator = discriminator
        players = [Player(name: "discriminator", network: discriminator, optimizer: discriminatorOptimizer),
                   Player(name: "generator", network: generator, optimizer: generatorOptimizer)] + allies
        self.prior = prior ?? GaussianPrior(latentShape: latentShape, classCount: generator.classCount)
        self.sides = sides
        self.objective = objective
        self.discriminatorTerms = discriminatorTerms
        self.generatorTerms = generatorTerms
        self.options = options
        self.generatorAverage = generatorAverage
        self.latentShape = latentShape
        ownRepresentations = representations
        self.encoding = encoding
        self.translation = translation
        self.inverseGenerator = inverseGenerator
        self.growth = growth
        let parts = players.map(\.name) + (generatorAverage == nil ? [] : ["generator_ema"])
        precondition(Set(parts).count == parts.count, "AdversarialGame: the players' names \(parts) must differ")
        generatorAverage?.start(from: generator)
    }

    /// The discriminator's player.
    public var discriminatorPlayer: Player { players[0] }
    /// The players trained on the generator's terms: the generator and its allies.
    public var generatorSide: ArraySlice<Player> { players[1...] }
    /// The discriminator's optimizer.
    public var discriminatorOptimizer: any Optimizer { players[0].optimizer }
    /// The generator's optimizer.
    public var generatorOptimizer: any Optimizer { players[1].optimizer }

    public var checkpointParts: [String: Checkpoint.Part] {
        var parts: [String: Checkpoint.Part] = [:]
        for player in players {
            parts[player.name] = .module(player.network)
            parts[player.name + "_optimizer"] = .optimizer(player.optimizer, for: player.network)
        }
        if let generatorAverage { parts["generator_ema"] = .module(generatorAverage.module) }
        return parts
    }

    /// Re-estimates the averaged generator's batch-norm statistics when its weights changed, so that the
    /// checkpoint's `generator_ema` samples as `generate` does.
    public func prepareCheckpoint() {
        _ = samplingGenerator()
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        players.map { ($0.name, $0.optimizer) }
    }

    public var modules: [(name: String, module: Module)] {
        players.map { ($0.name, $0.network) } + (generatorAverage.map { [("generator_ema", $0.module as Module)] } ?? [])
    }

    /// The discriminator's last hidden features on the real side of images (`discriminator`; images of as
    /// many values as the generator's are reshaped as it shapes its own), then the model's own representations.
    public var representations: [Representation] {
        // The generator's sample shape, found by one generated sample at the first batch rather than at every one.
        var sampleShape: [Int]?
        let features = Representation(name: "discriminator", summary: "the discriminator's last hidden features") {
            [unowned self] x in
            inEvaluationMode {
                if sampleShape == nil {
                    var random = RandomGenerator(seed: 0)
                    sampleShape = Array(generator(prior.draw(count: 1, random: &random)).shape.dropFirst())
                }
                return discriminator.features(sides.real(x.reshaped(asSamplesOf: sampleShape!), labels: nil))
            }
        }
        return [features] + ownRepresentations
    }

    /// The generator's input for `count` samples drawn from the prior (standard normal noise for the
    /// Gaussian prior).
    public func noise(count: Int, generator: inout RandomGenerator) -> Tensor {
        prior.noise(count: count, random: &generator)
    }

    public func gridLatents(_ z: Tensor, columns: Int) -> Tensor? {
        prior.gridLatents(z, columns: columns)
    }

    /// The samples of the prior's grid (`LatentPrior.gridInput`), from the generator that `generate` uses.
    public func gridSamples(_ z: Tensor, columns: Int) -> Tensor? {
        guard let input = prior.gridInput(z, columns: columns) else { return nil }
        let sampler = samplingGenerator()
        return withoutGrad { sampler(input) }
    }

    /// Whether the step about to be taken updates the generator: the discriminator update it makes is
    /// the `criticSteps`-th since the last generator update.
    public var updatesGeneratorNext: Bool {
        (discriminatorOptimizer.step + 1) % options.criticSteps == 0
    }

    /// One step on the data's images `real` (with `labels`, one per image, which a conditional generator
    /// needs), reshaped to the generator's output shape when that differs but holds as many values (flat
    /// MLP samples from `[batch, 1, 28, 28]` images). Logs `loss_d` (penalties included), `loss_g` (on generator updates
    /// only), each logged term's value under its key, each regularizer's penalty as `loss_<name>`, the mean
    /// probabilities `d_real` (D(x)) and `d_fake` (D(G(z))) before the discriminator's update, the
    /// discriminator's accuracy on each (`d_accuracy_real`: share of D(x) > 0.5, `d_accuracy_fake`: share of
    /// D(G(z)) < 0.5) and, with instance noise, its current level `instance_noise`.
    public func step(real: Tensor, labels: [Int], generator random: inout RandomGenerator) -> StepOutcome {
        let latent = drawLatent(for: real, dataLabels: labels, random: &random)
        let labels = labels.isEmpty ? nil : labels
        let noiseLevel = options.instanceNoiseLevel(after: discriminatorOptimizer.step)
        var outcome = StepOutcome(losses: [:])
        if options.instanceNoise > 0 { outcome.measurements["instance_noise"] = noiseLevel }
        guard updatesGeneratorNext else {
            let (realSide, fakeSide) = withoutGrad { samples(real, labels: labels, latent: latent) }
            updateDiscriminator(real: realSide, fake: fakeSide, noiseLevel: noiseLevel, random: &random, outcome: &outcome)
            return outcome
        }
        let (loss, terms, gradients) = valueAndGrad(of: Array(generatorSide)) {
            let (realSide, fakeSide) = samples(real, labels: labels, latent: latent)
            updateDiscriminator(
                real: realSide.detached(), fake: fakeSide.detached(), noiseLevel: noiseLevel, random: &random, outcome: &outcome)
            let terms = generatorLoss(
                real: prepare(realSide, noiseLevel: noiseLevel, random: &random),
                fake: prepare(fakeSide, noiseLevel: noiseLevel, random: &random), random: &random)
            return (terms.loss, terms)
        }
        for (player, playerGradients) in zip(generatorSide, gradients) {
            player.update(with: playerGradients, clippingTo: options.gradientClip)
        }
        generatorAverage?.update(from: generator)
        outcome.losses["loss_g"] = loss.item
        outcome.losses.merge(terms.logged) { _, new in new }
        outcome.measurements.merge(terms.measured) { _, new in new }
        return outcome
    }

    /// The step's latent input for the batch `real`, drawn from the prior. Stops when a conditional
    /// generator's data has no label in range for each sample.
    private func drawLatent(for real: Tensor, dataLabels: [Int], random: inout RandomGenerator) -> Latent {
        let count = real.shape[0]
        if let classCount = generator.classCount {
            precondition(dataLabels.count == count && dataLabels.allSatisfy { (0..<classCount).contains($0) },
                         "GAN: a conditional GAN needs a label in 0..<\(classCount) for each of the \(count) real samples, got \(dataLabels.count) labels")
        }
        return prior.draw(forBatch: real, random: &random)
    }

    /// The real and fake sides of a step: the generator's images for `latent`, and the data's images
    /// `x` in their shape.
    private func samples(_ x: Tensor, labels: [Int]?, latent: Latent) -> (real: Sample, fake: Sample) {
        let images = generator(latent)
        let fake = sides.fake(images, from: latent)
        return (sides.real(x.reshaped(asSamplesOf: Array(images.shape.dropFirst())), labels: labels), fake)
    }

    /// What the discriminator sees of `sample`: its images augmented, then with instance noise of `noiseLevel`.
    func prepare(_ sample: Sample, noiseLevel: Float, random: inout RandomGenerator) -> Sample {
        var x = options.augmentation.map { $0(sample.images, generator: &random) } ?? sample.images
        if noiseLevel > 0 { x = x + noiseLevel * Tensor.randn(x.shape, generator: &random) }
        return sample.replacingImages(x)
    }
}

/// The adversarial game on images alone: the unconditional GANs.
public typealias GAN = AdversarialGame<Tensor>

extension Tensor {
    /// The batch `[N, …]` as `[N] + sampleShape` when one of its samples holds as many values as
    /// `sampleShape` (flat MLP samples from `[N, 1, 28, 28]` images); otherwise itself (a translation GAN's
    /// batch holds the source images beside the samples).
    fileprivate func reshaped(asSamplesOf sampleShape: [Int]) -> Tensor {
        let sampleCount = sampleShape.reduce(1, *)
        guard Array(shape.dropFirst()) != sampleShape, shape.dropFirst().reduce(1, *) == sampleCount else { return self }
        return reshaped([shape[0]] + sampleShape)
    }
}
