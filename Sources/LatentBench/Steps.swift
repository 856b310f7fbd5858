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

/// The GAN step of the issue: one generator forward pass on fresh noise, one discriminator update on
/// the real batch and the detached fake batch, one generator update through the discriminator on the
/// same fake batch.
final class GANStep: BenchmarkStep {
    let generator: Sequential, discriminator: Sequential
    let generatorOptimizer: Adam, discriminatorOptimizer: Adam
    let noiseShape: [Int]
    let real: RealBatches
    /// The loss of scores against a constant target of 1 or 0.
    let loss: (Tensor, Float) -> Tensor
    var imagesPerStep: Int { noiseShape[0] }

    init(generator: Sequential, discriminator: Sequential, noiseShape: [Int], real: RealBatches,
         loss: @escaping (Tensor, Float) -> Tensor) {
        self.generator = generator
        self.discriminator = discriminator
        self.generatorOptimizer = Adam(learningRate: 2e-4, betas: (0.5, 0.999))
        self.discriminatorOptimizer = Adam(learningRate: 2e-4, betas: (0.5, 0.999))
        self.noiseShape = noiseShape
        self.real = real
        self.loss = loss
    }

    func run() {
        let z = Tensor.randn(noiseShape)
        let realBatch = real.take()
        let (_, generatorGrads) = valueAndGrad(of: generator) { g in
            let fake = g(z)
            let (_, discriminatorGrads) = valueAndGrad(of: discriminator) { d in
                loss(d(realBatch), 1) + loss(d(fake.detached()), 0)
            }
            discriminatorOptimizer.update(discriminator, with: discriminatorGrads)
            return loss(discriminator(fake), 1)
        }
        generatorOptimizer.update(generator, with: generatorGrads)
    }
}

/// WGAN-GP: critic steps with a gradient penalty (λ = 10, one interpolation ε per sample), and,
/// for the full iteration, a generator step after every `criticSteps` critic steps.
final class WGANGPStep: BenchmarkStep {
    let generator = Architectures.mnistGenerator()
    let critic = Architectures.mnistDiscriminator(batchNorm: false)
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
            let z = Tensor.randn([batch, Architectures.latentSize])
            let (_, grads) = valueAndGrad(of: generator) { g in -critic(g(z)).mean() }
            generatorOptimizer.update(generator, with: grads)
        }
    }

    private func criticStep() {
        let realBatch = real.take()
        let fake = withoutGrad { generator(Tensor.randn([batch, Architectures.latentSize])) }
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

/// One VAE update on a batch of values in [0, 1].
final class VAEStep: BenchmarkStep {
    let model = MLPVAE()
    let optimizer = Adam(learningRate: 1e-3)
    let real: RealBatches
    let imagesPerStep: Int

    init(batch: Int) {
        imagesPerStep = batch
        real = RealBatches(shape: [batch, 784], low: 0, high: 1)
    }

    func run() {
        let x = real.take()
        let (_, grads) = valueAndGrad(of: model) { $0.loss(x) }
        optimizer.update(model, with: grads)
    }
}
