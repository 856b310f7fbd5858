import LatentNN

extension AdversarialGame: ClassConditionalGenerating, Adversarial {
    /// How many classes the generator is conditioned on; nil for an unconditional GAN.
    public var classCount: Int? { generator.classCount }

    /// The generator's samples for noise `z` (of shape `[count] + latentShape`), without history; from
    /// the moving average of its weights when `g_ema` is on. A conditional GAN makes sample i of class
    /// `i % classCount`.
    public func generate(_ z: Tensor) -> Tensor {
        let sampler = samplingGenerator()
        return withoutGrad { sampler(Latent(noise: z)) }
    }

    /// The samples of the classes `labels` (one per row of `z`) for noise `z`, without history; from the
    /// moving average of the generator's weights when `g_ema` is on. Stops when the GAN is not conditional.
    public func generate(_ z: Tensor, labels: [Int]) -> Tensor {
        precondition(classCount != nil, "GAN.generate(_:labels:): the GAN is not conditioned on classes")
        let sampler = samplingGenerator()
        return withoutGrad { sampler(Latent(noise: z, labels: labels)) }
    }

    /// The style controls of the generator that samples come from (the moving average with `g_ema`), for a
    /// style-based generator; nil for the others.
    public var styleSampling: (any StyleSampling)? {
        // Asked of the generator itself first: a plain generator's average needs no statistics re-estimated to say so.
        guard generator.styleSampling != nil else { return nil }
        return samplingGenerator().styleSampling
    }

    public func discriminate(real x: Tensor, labels: [Int]?) -> Tensor {
        withoutGrad { objective.probabilities(discriminator.heads(sides.real(x, labels: labels)).score) }
    }

    public func discriminate(generated samples: Tensor, from z: Tensor) -> Tensor {
        withoutGrad { objective.probabilities(discriminator.heads(sides.fake(samples, from: Latent(noise: z))).score) }
    }

    /// The generator that samples come from: the moving average of the generator's weights, with batch-norm
    /// statistics re-estimated for them from `averageStatisticsBatches` batches of `averageStatisticsBatchSize`
    /// noise samples (of the classes 0, 1, … in turn) drawn with the fixed seed `averageStatisticsSeed`,
    /// when `g_ema` is on; the generator itself otherwise.
    func samplingGenerator() -> any GeneratorNetwork {
        guard let generatorAverage else { return generator }
        return generatorAverage.generator { average in
            var random = RandomGenerator(seed: averageStatisticsSeed)
            for _ in 0..<averageStatisticsBatches {
                _ = average(Latent(noise: noise(count: averageStatisticsBatchSize, generator: &random)))
            }
        }
    }
}

private let averageStatisticsBatches = 100
private let averageStatisticsBatchSize = 64
private let averageStatisticsSeed: UInt64 = 0x5EED_B47C
