import LatentModels
import LatentNN

/// One timed unit of training work, and how many real images it consumes.
protocol BenchmarkStep {
    var imagesPerStep: Int { get }
    func run()
}

/// Real batches made before timing and cycled through, so that data making is never timed.
final class RealBatches {
    private let batches: [Tensor]
    private var next = 0

    init(shape: [Int], low: Float, high: Float, count: Int = 8) {
        batches = (0..<count).map { _ in Tensor.uniform(shape, low: low, high: high) }
    }

    func take() -> Tensor {
        defer { next = (next + 1) % batches.count }
        return batches[next]
    }
}

/// The GAN step of the issue (`GAN.step`): one generator forward pass on fresh noise, one
/// discriminator update on the real batch and the detached fake batch, one generator update through
/// the discriminator on the same fake batch; both optimizers Adam(2e-4, betas (0.5, 0.999)).
final class GANStep: BenchmarkStep {
    let gan: GAN
    let real: RealBatches
    var noise = RandomGenerator(seed: 0)
    let imagesPerStep: Int

    init(generator: Sequential, discriminator: Sequential, noiseShape: [Int], real: RealBatches,
         objective: any GANObjective) {
        gan = GAN(
            generator: generator, discriminator: discriminator,
            generatorOptimizer: Adam(learningRate: 2e-4, betas: (0.5, 0.999)),
            discriminatorOptimizer: Adam(learningRate: 2e-4, betas: (0.5, 0.999)),
            objective: objective, latentShape: Array(noiseShape.dropFirst()))
        imagesPerStep = noiseShape[0]
        self.real = real
    }

    func run() {
        _ = gan.step(real: real.take(), generator: &noise)
    }
}

/// One training step of a catalog model built with `options` over its defaults, as `latent train` runs it
/// (`infogan`: the GAN step plus Q's head and the information loss on both sides; `bigan`: a discriminator
/// update on (x, E(x)) against (G(z), z), then one update of the generator and the encoder; the catalog's
/// `dcgan` with its moving generator average, alone or with `rotation` or `contrastive`; `stylegan`: a discriminator
/// update with R1, a generator update with style mixing, and its moving average).
final class CatalogStep: BenchmarkStep {
    let model: any Trainable
    let real: RealBatches
    var noise = RandomGenerator(seed: 0)
    let imagesPerStep: Int

    init(model name: String, options: [String: String], batch: Int) throws {
        let entry = try ModelCatalog.entry(named: name)
        var configuration = RunConfiguration(model: name, dataset: entry.defaultDataset, epochs: 1, batchSize: batch, seed: 0, learningRates: [:])
        configuration.options = options
        model = try entry.makeModel(configuration)
        imagesPerStep = batch
        real = RealBatches(shape: [batch] + entry.sampleShape, low: -1, high: 1)
    }

    func run() {
        _ = model.step(real: real.take(), generator: &noise)
    }
}

/// WGAN-GP: critic steps with a gradient penalty (λ = 10, one interpolation ε per sample), and,
/// for the full iteration, a generator step after every `criticSteps` critic steps.
final class WGANGPStep: BenchmarkStep {
    let generator = DCGANMNIST.generator(hiddenSize: 0)
    let critic = DCGANMNIST.discriminator(hiddenSize: 0, batchNorm: false)
    let generatorOptimizer = Adam(learningRate: 1e-4, betas: (0.5, 0.9))
    let criticOptimizer = Adam(learningRate: 1e-4, betas: (0.5, 0.9))
    let batch: Int, criticSteps: Int, includesGeneratorStep: Bool
    let real: RealBatches
    var imagesPerStep: Int { batch * criticSteps }

    init(batch: Int, criticSteps: Int, includesGeneratorStep: Bool) {
        self.batch = batch
        self.criticSteps = criticSteps
        self.includesGeneratorStep = includesGeneratorStep
        self.real = RealBatches(shape: [batch, 1, 28, 28], low: -1, high: 1)
    }

    func run() {
        for _ in 0..<criticSteps { criticStep() }
        if includesGeneratorStep {
            let z = Tensor.randn([batch, DCGANMNIST.latentSize])
            let (_, grads) = valueAndGrad(of: generator) { g in -critic(g(z)).mean() }
            generatorOptimizer.update(generator, with: grads)
        }
    }

    private func criticStep() {
        let realBatch = real.take()
        let fake = withoutGrad { generator(Tensor.randn([batch, DCGANMNIST.latentSize])) }
        let epsilon = Tensor.uniform([batch, 1, 1, 1])
        let interpolates = (epsilon * realBatch + (1 - epsilon) * fake).requiringGrad()
        let (_, grads) = valueAndGrad(of: critic) { d in
            let scores = d(interpolates)
            let inputGrad = gradients(of: scores.sum(), withRespectTo: [interpolates], createGraph: true)[0]
            let norms = inputGrad.square().sum(axes: [1, 2, 3]).sqrt()
            let penalty = (norms - 1).square().mean()
            return d(fake).mean() - d(realBatch).mean() + 10 * penalty
        }
        criticOptimizer.update(critic, with: grads)
    }
}

/// One VAE update (`VAE.step`) on a batch of values in [0, 1].
final class VAEStep: BenchmarkStep {
    let vae = VAE(model: MLPVAE(), optimizer: Adam(learningRate: 1e-3))
    let real: RealBatches
    var noise = RandomGenerator(seed: 0)
    let imagesPerStep: Int

    init(batch: Int) {
        imagesPerStep = batch
        real = RealBatches(shape: [batch, 784], low: 0, high: 1)
    }

    func run() {
        _ = vae.step(real: real.take(), generator: &noise)
    }
}

/// The semi-supervised GAN's step (the catalog's `semi-gan`): one discriminator update on a labelled batch drawn
/// from 100 labelled images, the unlabelled real batch and the detached fake batch, then one generator update by
/// feature matching through the updated discriminator; both Adam(3e-3, betas (0.5, 0.999)). Images in [0, 1].
final class SemiGANStep: BenchmarkStep {
    let model: any Trainable
    let real: RealBatches
    var noise = RandomGenerator(seed: 0)
    let imagesPerStep: Int

    init(batch: Int) throws {
        let entry = try ModelCatalog.entry(named: "semi-gan")
        let configuration = RunConfiguration(
            model: entry.name, dataset: "mnist", epochs: 1, batchSize: batch, seed: 0,
            learningRates: entry.defaultLearningRates, labels: 100)
        let labelled = Tensor.uniform([100, 1, 28, 28])
        model = try entry.makeModel(configuration, examples: ModelExamples(labelledImages: labelled, labels: (0..<100).map { $0 % 10 }))
        imagesPerStep = batch
        real = RealBatches(shape: [batch, 1, 28, 28], low: 0, high: 1)
    }

    func run() {
        _ = model.step(real: real.take(), labels: [], generator: &noise)
    }
}

/// pix2pix at 64×64 RGB (`pix2pix-64`): the U-Net generator (6 halvings, ngf 64, batch norm, dropout noise in the
/// level above the innermost) and the PatchGAN (3 layers, ndf 64) on (A, B) pairs; one discriminator update on real
/// and detached fake pairs, then one generator update with the cGAN term and 100·L1; Adam(2e-4, betas (0.5, 0.999)).
final class Pix2PixStep: BenchmarkStep {
    let game: AdversarialGame<ImagePair>
    let real: RealBatches
    var noise = RandomGenerator(seed: 0)
    let imagesPerStep: Int

    init(batch: Int) {
        let objective = NonSaturatingObjective()
        game = AdversarialGame(
            generator: UNetGenerator(inputChannels: 3, outputChannels: 3, numDowns: 6),
            generatorOptimizer: Adam(learningRate: 2e-4, betas: (0.5, 0.999)),
            discriminator: PairDiscriminator(PatchGAN.discriminator(inputChannels: 6)),
            discriminatorOptimizer: Adam(learningRate: 2e-4, betas: (0.5, 0.999)),
            prior: SourceImagePrior(sourceShape: [3, 64, 64]), sides: PairedSides(sourceChannels: 3), objective: objective,
            discriminatorTerms: [DiscriminatorObjective(objective)],
            generatorTerms: [GeneratorObjective(objective), PairL1Loss(weight: 100)], latentShape: [3, 64, 64])
        imagesPerStep = batch
        real = RealBatches(shape: [batch, 6, 64, 64], low: -1, high: 1)
    }

    func run() {
        _ = game.step(real: real.take(), generator: &noise)
    }
}
