import LatentNN

/// A generator and a discriminator trained against each other with a `GANObjective`.
///
/// Each step draws one batch of noise, makes one fake batch, updates the
/// discriminator on the real batch and the detached fake batch, then updates the generator through
/// the updated discriminator on the same fake batch.
public final class GAN: Trainable, SampleGenerating {
    public let generator: any Layer
    public let discriminator: any Layer
    public let generatorOptimizer: any Optimizer
    public let discriminatorOptimizer: any Optimizer
    public let objective: any GANObjective
    /// The shape of one noise sample, such as `[100]` or `[100, 1, 1]`.
    public let latentShape: [Int]

    public init(
        generator: any Layer, discriminator: any Layer, generatorOptimizer: any Optimizer,
        discriminatorOptimizer: any Optimizer, objective: any GANObjective, latentShape: [Int]
    ) {
        self.generator = generator
        self.discriminator = discriminator
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
        self.objective = objective
        self.latentShape = latentShape
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        [
            "generator": .module(generator), "discriminator": .module(discriminator),
            "generator_optimizer": .optimizer(generatorOptimizer, for: generator),
            "discriminator_optimizer": .optimizer(discriminatorOptimizer, for: discriminator),
        ]
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("discriminator", discriminatorOptimizer), ("generator", generatorOptimizer)]
    }

    public var modules: [(name: String, module: Module)] {
        [("discriminator", discriminator), ("generator", generator)]
    }

    /// Standard normal noise for `count` samples.
    public func noise(count: Int, generator: inout RandomGenerator) -> Tensor {
        Tensor.randn([count] + latentShape, generator: &generator)
    }

    /// One step on `real` (labels unused), which is reshaped to the generator's output shape when that differs
    /// (flat MLP samples from `[batch, 1, 28, 28]` images). Logs `loss_d`, `loss_g`, the mean
    /// probabilities `d_real` (D(x)) and `d_fake` (D(G(z))) before the discriminator's update, and
    /// the discriminator's accuracy on each: `d_accuracy_real` (share of D(x) > 0.5) and
    /// `d_accuracy_fake` (share of D(G(z)) < 0.5).
    public func step(real: Tensor, labels: [Int], generator random: inout RandomGenerator) -> StepOutcome {
        let z = noise(count: real.shape[0], generator: &random)
        var dLoss: Float = 0, dReal: Float = 0, dFake: Float = 0, accuracyReal: Float = 0, accuracyFake: Float = 0
        let (gLoss, generatorGrads) = valueAndGrad(of: generator) { g in
            let fake = g(z)
            let realBatch = real.shape == fake.shape ? real : real.reshaped(fake.shape)
            let (loss, scores, discriminatorGrads) = valueAndGrad(of: discriminator) { d in
                let realScores = d(realBatch), fakeScores = d(fake.detached())
                return (objective.discriminatorLoss(real: realScores, fake: fakeScores),
                        (realScores.detached(), fakeScores.detached()))
            }
            discriminatorOptimizer.update(discriminator, with: discriminatorGrads)
            dLoss = loss.item
            let realProbabilities = objective.probabilities(scores.0), fakeProbabilities = objective.probabilities(scores.1)
            dReal = realProbabilities.mean().item
            dFake = fakeProbabilities.mean().item
            accuracyReal = Self.share(realProbabilities) { $0 > 0.5 }
            accuracyFake = Self.share(fakeProbabilities) { $0 < 0.5 }
            return objective.generatorLoss(fake: discriminator(fake))
        }
        generatorOptimizer.update(generator, with: generatorGrads)
        return StepOutcome(losses: ["loss_d": dLoss, "loss_g": gLoss.item],
                           measurements: ["d_real": dReal, "d_fake": dFake,
                                          "d_accuracy_real": accuracyReal, "d_accuracy_fake": accuracyFake])
    }

    /// The generator's samples for noise `z` (of shape `[count] + latentShape`), without history.
    public func generate(_ z: Tensor) -> Tensor {
        withoutGrad { generator(z) }
    }

    /// The discriminator's probabilities D(x) for `samples`, without history.
    public func discriminate(_ samples: Tensor) -> Tensor {
        withoutGrad { objective.probabilities(discriminator(samples)) }
    }

    private static func share(_ values: Tensor, where predicate: (Float) -> Bool) -> Float {
        values.withValues { Float($0.filter(predicate).count) / Float(Swift.max($0.count, 1)) }
    }
}
