import LatentNN

/// A generator and a discriminator trained against each other with a `GANObjective`, optional
/// discriminator regularizers and the tricks of `GANOptions`.
///
/// When the generator is a `LabelConditionedLayer` the GAN is conditional: each step draws a class per fake
/// sample uniformly, the generator reads it, and so does a `LabelConditionedLayer` discriminator (with the
/// batch's labels for real samples); an `AuxiliaryClassifierLayer` discriminator adds the cross-entropy of
/// its class head to both losses instead (AC-GAN).
///
/// Each step draws one batch of noise and makes one fake batch, then updates the discriminator once on
/// the real batch and the detached fake batch. On every `criticSteps`-th discriminator update it then
/// updates the generator through the updated discriminator on the same fake batch; other steps leave
/// the generator unchanged and log no `loss_g`.
public final class GAN: Trainable, SampleGenerating {
    public let generator: any Layer
    public let discriminator: any Layer
    public let generatorOptimizer: any Optimizer
    public let discriminatorOptimizer: any Optimizer
    public let objective: any GANObjective
    /// The training tricks in use.
    public let options: GANOptions
    /// The moving average of the generator's weights that samples come from, when `g_ema` is on.
    public let generatorAverage: GeneratorAverage?
    /// The shape of one noise sample, such as `[100]` or `[100, 1, 1]`.
    public let latentShape: [Int]
    /// How many classes the generator is conditioned on; nil for an unconditional GAN.
    public let classCount: Int?
    /// The discriminator's layers whose output feature matching compares, when it is on.
    private let featureLayers: DiscriminatorFeatures?

    /// A GAN with the given networks; `generatorAverage` (required when `options` sets
    /// `generatorAverageDecay`) is started from the generator's current weights. Stops when feature
    /// matching is on and the discriminator is not a `Sequential`, or when the discriminator reads labels
    /// or classifies and the generator is not conditioned on as many classes.
    public init(
        generator: any Layer, discriminator: any Layer, generatorOptimizer: any Optimizer,
        discriminatorOptimizer: any Optimizer, objective: any GANObjective, latentShape: [Int],
        options: GANOptions = GANOptions(), generatorAverage: GeneratorAverage? = nil
    ) {
        precondition((options.generatorAverageDecay == nil) == (generatorAverage == nil),
                     "GAN: a generator average is needed exactly when options.generatorAverageDecay is set")
        self.generator = generator
        self.discriminator = discriminator
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
        self.objective = objective
        self.options = options
        self.generatorAverage = generatorAverage
        self.latentShape = latentShape
        self.featureLayers = options.featureMatching ? DiscriminatorFeatures(discriminator) : nil
        classCount = (generator as? any LabelConditionedLayer)?.classCount
        let discriminatorClasses = (discriminator as? any LabelConditionedLayer)?.classCount
            ?? (discriminator as? any AuxiliaryClassifierLayer)?.classCount
        precondition(discriminatorClasses == nil || discriminatorClasses == classCount,
                     "GAN: the discriminator knows \(discriminatorClasses ?? 0) classes, the generator \(classCount.map(String.init) ?? "none")")
        generatorAverage?.start(from: generator)
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        var parts: [String: Checkpoint.Part] = [
            "generator": .module(generator), "discriminator": .module(discriminator),
            "generator_optimizer": .optimizer(generatorOptimizer, for: generator),
            "discriminator_optimizer": .optimizer(discriminatorOptimizer, for: discriminator),
        ]
        if let generatorAverage { parts["generator_ema"] = .module(generatorAverage.module) }
        return parts
    }

    /// Re-estimates the averaged generator's batch-norm statistics when its weights changed, so that the
    /// checkpoint's `generator_ema` samples as `generate` does.
    public func prepareCheckpoint() {
        _ = samplingGenerator()
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("discriminator", discriminatorOptimizer), ("generator", generatorOptimizer)]
    }

    public var modules: [(name: String, module: Module)] {
        [("discriminator", discriminator), ("generator", generator)]
            + (generatorAverage.map { [("generator_ema", $0.module as Module)] } ?? [])
    }

    /// Standard normal noise for `count` samples.
    public func noise(count: Int, generator: inout RandomGenerator) -> Tensor {
        Tensor.randn([count] + latentShape, generator: &generator)
    }

    /// Whether the step about to be taken updates the generator: the discriminator update it makes is
    /// the `criticSteps`-th since the last generator update.
    public var updatesGeneratorNext: Bool {
        (discriminatorOptimizer.step + 1) % options.criticSteps == 0
    }

    /// One step on `real` (with `labels`, one per sample, for a conditional GAN; unused otherwise), which is
    /// reshaped to the generator's output shape when that differs (flat MLP samples from `[batch, 1, 28, 28]`
    /// images). Logs `loss_d` (penalties included),
    /// `loss_g` (on generator updates only), each regularizer's penalty as `loss_<name>`, the mean probabilities
    /// `d_real` (D(x)) and `d_fake` (D(G(z))) before the discriminator's update, the discriminator's
    /// accuracy on each (`d_accuracy_real`: share of D(x) > 0.5, `d_accuracy_fake`: share of
    /// D(G(z)) < 0.5), with instance noise its current level `instance_noise` and, for an AC-GAN, the class
    /// heads' cross-entropies `loss_d_class` (real and fake, part of `loss_d`) and `loss_g_class` (part of `loss_g`).
    public func step(real: Tensor, labels: [Int], generator random: inout RandomGenerator) -> StepOutcome {
        let z = noise(count: real.shape[0], generator: &random)
        let labels = stepLabels(real: labels, count: real.shape[0], random: &random)
        let noiseLevel = options.instanceNoiseLevel(after: discriminatorOptimizer.step)
        var outcome = StepOutcome(losses: [:])
        if options.instanceNoise > 0 { outcome.measurements["instance_noise"] = noiseLevel }
        guard updatesGeneratorNext else {
            let fake = withoutGrad { Self.generated(by: generator, from: z, labels: labels?.fake) }
            updateDiscriminator(real: real, fake: fake, labels: labels, noiseLevel: noiseLevel, random: &random, outcome: &outcome)
            return outcome
        }
        let (gLoss, classLoss, generatorGrads) = valueAndGrad(of: generator) { g in
            let fake = Self.generated(by: g, from: z, labels: labels?.fake)
            let realBatch = updateDiscriminator(
                real: real, fake: fake.detached(), labels: labels, noiseLevel: noiseLevel, random: &random, outcome: &outcome)
            return generatorLoss(
                real: prepare(realBatch, noiseLevel: noiseLevel, random: &random),
                fake: prepare(fake, noiseLevel: noiseLevel, random: &random), labels: labels)
        }
        var clipped = generatorGrads
        if let maxNorm = options.gradientClip { clipGradNorm(&clipped, maxNorm: maxNorm) }
        generatorOptimizer.update(generator, with: clipped)
        generatorAverage?.update(from: generator)
        outcome.losses["loss_g"] = gLoss.item
        if let classLoss { outcome.losses["loss_g_class"] = classLoss }
        return outcome
    }

    /// Updates the discriminator on `real` and the detached `fake` (of the classes `labels` in a conditional
    /// GAN), recording its loss and scores in `outcome`; returns the real batch in the fake batch's shape.
    @discardableResult
    private func updateDiscriminator(
        real: Tensor, fake: Tensor, labels: StepLabels?, noiseLevel: Float, random: inout RandomGenerator,
        outcome: inout StepOutcome
    ) -> Tensor {
        let realBatch = real.shape == fake.shape ? real : real.reshaped(fake.shape)
        let realInput = prepare(realBatch, noiseLevel: noiseLevel, random: &random)
        let fakeInput = prepare(fake, noiseLevel: noiseLevel, random: &random)
        let (loss, scores, grads) = valueAndGrad(of: discriminator) { d in
            let realScores = Self.scores(of: d, realInput, labels: labels?.real)
            let fakeScores = Self.scores(of: d, fakeInput, labels: labels?.fake)
            var (loss, classLoss) = discriminatorLoss(real: realScores, fake: fakeScores, labels: labels)
            var penalties: [String: Float] = classLoss.map { ["loss_d_class": $0] } ?? [:]
            for regularizer in options.regularizers {
                let penalty = regularizer.penalty(
                    discriminator: { Self.scores(of: d, $0, labels: labels?.real).source }, real: realInput, fake: fakeInput,
                    generator: &random)
                penalties["loss_" + regularizer.name] = penalty.item
                loss = loss + penalty
            }
            return (loss, (real: realScores.source.detached(), fake: fakeScores.source.detached(), penalties: penalties))
        }
        var clipped = grads
        if let maxNorm = options.gradientClip { clipGradNorm(&clipped, maxNorm: maxNorm) }
        discriminatorOptimizer.update(discriminator, with: clipped)
        if let bound = options.weightClip { clipWeights(discriminator.namedParameters(), to: -bound...bound) }
        let realProbabilities = objective.probabilities(scores.real), fakeProbabilities = objective.probabilities(scores.fake)
        outcome.losses["loss_d"] = loss.item
        outcome.losses.merge(scores.penalties) { _, new in new }
        outcome.measurements["d_real"] = realProbabilities.mean().item
        outcome.measurements["d_fake"] = fakeProbabilities.mean().item
        outcome.measurements["d_accuracy_real"] = Self.share(realProbabilities) { $0 > 0.5 }
        outcome.measurements["d_accuracy_fake"] = Self.share(fakeProbabilities) { $0 < 0.5 }
        return realBatch
    }

    /// What the discriminator sees of `samples`: augmented, then with instance noise of `noiseLevel`.
    private func prepare(_ samples: Tensor, noiseLevel: Float, random: inout RandomGenerator) -> Tensor {
        var x = options.augmentation.map { $0(samples, generator: &random) } ?? samples
        if noiseLevel > 0 { x = x + noiseLevel * Tensor.randn(x.shape, generator: &random) }
        return x
    }

    /// The generator's loss on the prepared batches (of the classes `labels` in a conditional GAN), through
    /// the discriminator unrolled by `unrolledSteps` when that is set, with its class term for an AC-GAN.
    func generatorLoss(real: Tensor, fake: Tensor, labels: StepLabels? = nil) -> (loss: Tensor, classLoss: Float?) {
        guard options.unrolledSteps > 0 else { return generatorLossAsIs(real: real, fake: fake, labels: labels) }
        return discriminator.withParameters(unrolledParameters(real: real, fake: fake, labels: labels)) {
            generatorLossAsIs(real: real, fake: fake, labels: labels)
        }
    }

    /// The generator's loss through the discriminator's parameters as they are: feature matching, or
    /// the objective's loss (and the class term).
    private func generatorLossAsIs(real: Tensor, fake: Tensor, labels: StepLabels?) -> (loss: Tensor, classLoss: Float?) {
        if let featureLayers {
            let difference = featureLayers(fake).mean(axis: 0) - withoutGrad { featureLayers(real).mean(axis: 0) }
            return (difference.square().sum(), nil)
        }
        let fakeScores = Self.scores(of: discriminator, fake, labels: labels?.fake)
        let realScores = objective.generatorUsesRealScores
            ? Self.scores(of: discriminator, real, labels: labels?.real).source.detached() : fakeScores.source
        return generatorLoss(fake: fakeScores, real: realScores, labels: labels)
    }

    /// The discriminator's parameters after `unrolledSteps` plain gradient-descent steps at its
    /// learning rate on the objective's loss for `real` and `fake`, with history back to `fake` (so
    /// to the generator) through every step's gradient (Metz et al. 2017).
    private func unrolledParameters(real: Tensor, fake: Tensor, labels: StepLabels?) -> Gradients {
        let parameters = discriminator.namedParameters()
        for parameter in parameters { parameter.tensor.requiresGrad = true }
        defer { for parameter in parameters { parameter.tensor.requiresGrad = false } }
        let names = parameters.map(\.name), rate = discriminatorOptimizer.learningRate
        var current = parameters.map(\.tensor)
        for _ in 0..<options.unrolledSteps {
            let loss = discriminator.withParameters(Dictionary(uniqueKeysWithValues: zip(names, current))) {
                discriminatorLoss(real: Self.scores(of: discriminator, real, labels: labels?.real),
                                  fake: Self.scores(of: discriminator, fake, labels: labels?.fake), labels: labels).loss
            }
            let grads = gradients(of: loss, withRespectTo: current, createGraph: true)
            current = zip(current, grads).map { $0 - rate * $1 }
        }
        return Dictionary(uniqueKeysWithValues: zip(names, current))
    }

    /// The generator's samples for noise `z` (of shape `[count] + latentShape`), without history; from
    /// the moving average of its weights when `g_ema` is on. A conditional GAN makes sample i of class
    /// `i % classCount`.
    public func generate(_ z: Tensor) -> Tensor {
        let sampler = samplingGenerator()
        return withoutGrad { sampler(z) }
    }

    /// The generator that samples come from: the moving average of the generator's weights, with batch-norm
    /// statistics re-estimated for them from `averageStatisticsBatches` batches of `averageStatisticsBatchSize`
    /// noise samples (of the classes 0, 1, … in turn) drawn with the fixed seed `averageStatisticsSeed`,
    /// when `g_ema` is on; the generator itself otherwise.
    func samplingGenerator() -> any Layer {
        guard let generatorAverage else { return generator }
        return generatorAverage.generator { average in
            var random = RandomGenerator(seed: Self.averageStatisticsSeed)
            let labels = classCount.map { classes in (0..<Self.averageStatisticsBatchSize).map { $0 % classes } }
            for _ in 0..<Self.averageStatisticsBatches {
                _ = Self.generated(by: average, from: noise(count: Self.averageStatisticsBatchSize, generator: &random), labels: labels)
            }
        }
    }

    static let averageStatisticsBatches = 100
    static let averageStatisticsBatchSize = 64
    static let averageStatisticsSeed: UInt64 = 0x5EED_B47C

    /// The discriminator's probabilities D(x) for `samples` (of the classes `labels` when the discriminator
    /// reads labels; nil gives the classes 0, 1, … in turn), without history.
    public func discriminate(_ samples: Tensor, labels: [Int]? = nil) -> Tensor {
        withoutGrad { objective.probabilities(Self.scores(of: discriminator, samples, labels: labels).source) }
    }

    private static func share(_ values: Tensor, where predicate: (Float) -> Bool) -> Float {
        values.withValues { Float($0.filter(predicate).count) / Float(Swift.max($0.count, 1)) }
    }
}
