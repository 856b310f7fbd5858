@testable import LatentModels
import LatentNN
import Testing

// Each GAN trick changes a step as GANOptions documents.

/// A tiny GAN on 6 values: G 2→6 (tanh), D 6→5→1 logits, SGD for both, parameters from fixed seeds.
private func tinyVectorGAN(_ options: GANOptions, objective: any GANObjective = NonSaturatingObjective(), average: Bool = false) -> GAN {
    let generator = Sequential(Linear(2, 6), Tanh())
    let discriminator = Sequential(Linear(6, 5), LeakyReLU(negativeSlope: 0.2), Linear(5, 1))
    reinitialize(generator, seed: 11)
    reinitialize(discriminator, seed: 12)
    let averaged = average ? options.generatorAverageDecay.map { GeneratorAverage(module: Sequential(Linear(2, 6), Tanh()), decay: $0) } : nil
    return GAN(
        generator: generator, discriminator: discriminator, generatorOptimizer: SGD(learningRate: 0.1),
        discriminatorOptimizer: SGD(learningRate: 0.1), objective: objective, latentShape: [2], options: options,
        generatorAverage: averaged)
}

private func realBatch() -> Tensor {
    var random = RandomGenerator(seed: 21)
    return Tensor.uniform([8, 6], low: -1, high: 1, generator: &random)
}

private func options(_ configure: (inout GANOptions) -> Void) -> GANOptions {
    var options = GANOptions()
    configure(&options)
    return options
}

@Suite struct GANOptionsTests {
    @Test func criticStepsUpdateTheGeneratorOnEveryNthStepOnly() {
        let gan = tinyVectorGAN(options { $0.criticSteps = 3 })
        var random = RandomGenerator(seed: 1)
        for step in 1...6 {
            let before = bits(gan.generator), discriminatorBefore = bits(gan.discriminator)
            let outcome = gan.step(real: realBatch(), generator: &random)
            #expect(bits(gan.discriminator) != discriminatorBefore, "step \(step): D updates every step")
            #expect((bits(gan.generator) != before) == (step % 3 == 0), "step \(step)")
            #expect((outcome.losses["loss_g"] != nil) == (step % 3 == 0), "step \(step)")
            #expect(outcome.losses["loss_d"] != nil)
        }
    }

    @Test func weightClippingBoundsTheDiscriminator() {
        let gan = tinyVectorGAN(options { $0.weightClip = 0.05 }, objective: WassersteinObjective())
        var random = RandomGenerator(seed: 1)
        _ = gan.step(real: realBatch(), generator: &random)
        let values = gan.discriminator.namedParameters().flatMap(\.tensor.values)
        #expect(values.allSatisfy { abs($0) <= 0.05 })
        #expect(values.contains { abs($0) == 0.05 })
    }

    @Test func gradientClippingLimitsTheUpdate() {
        let gan = tinyVectorGAN(options { $0.gradientClip = 1e-3 })
        let before = gan.discriminator.stateDict().map { $0.1.copy() }
        var random = RandomGenerator(seed: 1)
        _ = gan.step(real: realBatch(), generator: &random)
        let moved = zip(before, gan.discriminator.stateDict()).map { old, new in
            zip(old.values, new.1.values).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        }.reduce(0, +).squareRoot()
        // SGD at rate 0.1 on gradients of norm at most 1e-3.
        #expect(moved <= 1e-4 * 1.001 && moved > 0)
    }

    @Test func labelSmoothingAimsRealScoresAtOneMinusS() {
        let gan = tinyVectorGAN(options { $0.labelSmoothing = 0.1 })
        var random = RandomGenerator(seed: 4), replay = RandomGenerator(seed: 4)
        let z = gan.noise(count: 8, generator: &replay)
        let expected = withoutGrad {
            NonSaturatingObjective().discriminatorLoss(
                real: gan.discriminator.heads(realBatch()).score, fake: gan.discriminator.heads(gan.generator(z)).score, realTarget: 0.9)
        }
        let outcome = gan.step(real: realBatch(), generator: &random)
        #expect(abs(outcome.losses["loss_d"]! - expected.item) < 1e-6)
    }

    @Test func instanceNoiseFallsLinearlyToZero() {
        let settings = options { $0.instanceNoise = 0.2; $0.instanceNoiseSteps = 4 }
        #expect([0, 1, 2, 4, 9].map(settings.instanceNoiseLevel) == [0.2, 0.15, 0.1, 0, 0])
        let gan = tinyVectorGAN(settings)
        var random = RandomGenerator(seed: 1)
        let levels = (0..<3).map { _ in gan.step(real: realBatch(), generator: &random).measurements["instance_noise"] }
        #expect(levels == [0.2, 0.15, 0.1])
    }

    @Test func generatorAverageFollowsTheMovingAverageFormula() {
        let generator = Sequential(Linear(2, 3), BatchNorm1d(3))
        reinitialize(generator, seed: 3)
        let average = GeneratorAverage(module: Sequential(Linear(2, 3), BatchNorm1d(3)), decay: 0.9)
        average.start(from: generator)
        let start = generator.allParameters.map { $0.tensor.values }
        #expect(average.module.allParameters.map { $0.tensor.values } == start)
        reinitialize(generator, seed: 4)
        generator.namedBuffers()[0].tensor.assign(Tensor([1, 2, 3]))
        average.update(from: generator)
        for (index, parameter) in average.module.allParameters.enumerated() {
            let current = generator.allParameters[index].tensor.values
            let expected = zip(start[index], current).map { 0.9 * $0 + 0.1 * $1 }
            #expect(zip(parameter.tensor.values, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(parameter.name)")
        }
        #expect(average.module.namedBuffers()[0].tensor.values == [1, 2, 3])
    }

    @Test func samplesComeFromTheAveragedGenerator() {
        let gan = tinyVectorGAN(options { $0.generatorAverageDecay = 0.5 }, average: true)
        var random = RandomGenerator(seed: 1)
        _ = gan.step(real: realBatch(), generator: &random)
        let z = Tensor.ones([1, 2])
        let averaged = try! #require(gan.generatorAverage)
        #expect(gan.generate(z).values == withoutGrad { averaged.module(z) }.values)
        #expect(gan.generate(z).values != withoutGrad { gan.generator(z) }.values)
        #expect(gan.checkpointParts["generator_ema"] != nil)
    }

    @Test func averagedGeneratorGetsBatchNormStatisticsOfItsOwnWeights() throws {
        func trainedGAN() -> GAN {
            let generator = Sequential(Linear(2, 6), BatchNorm1d(6), Tanh())
            let discriminator = Sequential(Linear(6, 5), LeakyReLU(negativeSlope: 0.2), Linear(5, 1))
            reinitialize(generator, seed: 11)
            reinitialize(discriminator, seed: 12)
            let gan = GAN(
                generator: generator, discriminator: discriminator, generatorOptimizer: SGD(learningRate: 0.5),
                discriminatorOptimizer: SGD(learningRate: 0.1), objective: NonSaturatingObjective(), latentShape: [2],
                options: options { $0.generatorAverageDecay = 0.9999 },
                generatorAverage: GeneratorAverage(module: Sequential(Linear(2, 6), BatchNorm1d(6), Tanh()), decay: 0.9999))
            var random = RandomGenerator(seed: 1)
            for _ in 0..<3 { _ = gan.step(real: realBatch(), generator: &random) }
            gan.prepareCheckpoint()
            return gan
        }
        let gan = trainedGAN()
        let average = try #require(gan.generatorAverage?.module as? Sequential)
        let linear = try #require(average.namedModules().compactMap { $0.module as? Linear }.first)
        let norm = try #require(average.namedModules().compactMap { $0.module as? BatchNorm }.first)
        // For z ~ N(0, I) the batch-norm input W·z + b has mean b and variance |W_i|².
        let weight = linear.weight.values, bias = try #require(linear.bias).values
        let variances = (0..<6).map { row in (0..<2).reduce(Float(0)) { $0 + weight[row * 2 + $1] * weight[row * 2 + $1] } }
        let means = try #require(norm.runningMean).values, measured = try #require(norm.runningVar).values
        for channel in 0..<6 {
            #expect(abs(means[channel] - bias[channel]) < 4 * variances[channel].squareRoot() / 80, "mean of channel \(channel)")
            #expect(abs(measured[channel] / variances[channel] - 1) < 0.08, "variance of channel \(channel)")
        }
        let live = try #require(gan.generator.namedBuffers().first { $0.name == "1.running_mean" }).tensor.values
        #expect(live != means, "the live generator's statistics were not copied")
        let z = Tensor([0.3, -0.7, 1.1, 0.4], shape: [2, 2])
        average.eval()
        #expect(gan.generate(z).values == withoutGrad { average(z) }.values)
        #expect(trainedGAN().generatorAverage?.module.stateDict().map { $0.1.values } == average.stateDict().map { $0.1.values },
                "the statistics depend on the weights alone")
    }

    @Test func unrolledGradientMatchesFiniteDifferences() {
        let gan = tinyVectorGAN(options { $0.unrolledSteps = 2 })
        let z = Tensor([0.3, -0.7, 1.1, 0.4, -0.2, 0.9, 0.5, -1.2], shape: [4, 2]), real = realBatch().slice(axis: 0, range: 0..<4)
        var random = RandomGenerator(seed: 1)
        func loss() -> Float { gan.generatorLoss(real: real, fake: gan.generator(z), random: &random).0.item }
        let (_, grads) = valueAndGrad(of: gan.generator) { g in gan.generatorLoss(real: real, fake: g(z), random: &random).0 }
        let weight = gan.generator.namedParameters()[0].tensor, analytic = grads["0.weight"]!.values
        let epsilon: Float = 1e-2
        for index in [0, 5, 11] {
            let original = weight.values[index]
            weight.withMutableValues { $0[index] = original + epsilon }
            let up = loss()
            weight.withMutableValues { $0[index] = original - epsilon }
            let down = loss()
            weight.withMutableValues { $0[index] = original }
            let numeric = (up - down) / (2 * epsilon)
            #expect(abs(numeric - analytic[index]) <= 2e-3 + 0.02 * abs(numeric), "weight \(index): \(numeric) vs \(analytic[index])")
        }
        let plain = tinyVectorGAN(GANOptions())
        let (_, plainGrads) = valueAndGrad(of: plain.generator) { g in plain.generatorLoss(real: real, fake: g(z), random: &random).0 }
        #expect(plainGrads["0.weight"]!.values != analytic, "unrolling changes the generator's gradient")
    }

    @Test func diffAugmentMasksAndShiftsDifferentiably() {
        let ones = Tensor.ones([6, 1, 8, 8]).requiringGrad()
        var random = RandomGenerator(seed: 2)
        for transform in [DiffAugment.Transform.translation, .cutout] {
            let output = DiffAugment([transform], imageShape: [1, 8, 8])(ones, generator: &random)
            #expect(output.shape == ones.shape)
            let sums = (0..<6).map { output.slice(axis: 0, range: $0..<($0 + 1)).sum().item }
            let allowed: Set<Float> = transform == .translation ? [64, 56, 49] : Set((48...63).map(Float.init))
            #expect(sums.allSatisfy(allowed.contains), "\(transform): \(sums)")
            // Each input pixel reaches the output once or not at all.
            let gradient = gradients(of: output.sum(), withRespectTo: [ones])[0]
            #expect(gradient.values.allSatisfy { $0 == 0 || $0 == 1 } && gradient.sum().item == output.sum().item, "\(transform)")
        }
        let colored = DiffAugment([.color], imageShape: [1, 8, 8])(ones, generator: &random)
        #expect(colored.values != ones.values)
        #expect(gradients(of: colored.sum(), withRespectTo: [ones])[0].values.allSatisfy { $0.isFinite })
    }

    @Test func optionsAreReadAndCheckedFromModelOptions() throws {
        let allowed = GANOptions.modelOptions(defaults: ["n_critic": "5"])
        func read(_ values: [String: String], objective: any GANObjective = NonSaturatingObjective(), sampleShape: [Int] = [1, 28, 28]) throws -> GANOptions {
            try GANOptions(ModelOptions(values, allowed: allowed, model: "m"), objective: objective, sampleShape: sampleShape)
        }
        let chosen = try read(["gradient_penalty": "10", "r1_gamma": "1", "g_ema": "0.999", "diff_augment": "color,cutout"])
        #expect(chosen.criticSteps == 5)
        #expect(chosen.regularizers.map(\.name) == ["gradient_penalty", "r1"])
        #expect(chosen.generatorAverageDecay == 0.999 && chosen.weightClip == nil)
        #expect(chosen.augmentation?.transforms == [.color, .cutout])
        #expect(throws: TrainingError.self) { try read(["diff_augment": "flip"]) }
        #expect(throws: TrainingError.self) { try read(["diff_augment": "cutout"], sampleShape: [2]) }
        #expect(throws: TrainingError.self) { try read(["n_critic": "0"]) }
        #expect(throws: TrainingError.self) { try read(["label_smoothing": "0.1"], objective: WassersteinObjective()) }
        #expect(try read(["label_smoothing": "0.1"]).labelSmoothing == 0.1)
    }
}
