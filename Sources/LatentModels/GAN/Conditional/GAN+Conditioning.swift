import LatentNN

/// The class labels of one step's real and fake batches in a conditional GAN.
public struct StepLabels: Sendable {
    /// The real samples' labels, from the data.
    public let real: [Int]
    /// The classes the fake samples were generated for.
    public let fake: [Int]

    public init(real: [Int], fake: [Int]) {
        self.real = real
        self.fake = fake
    }
}

/// What a discriminator says of a batch: its source scores (real against fake) and, for an AC-GAN, its
/// class head's logits.
public struct DiscriminatorScores {
    /// The scores the objective reads, `[N, 1]`.
    public let source: Tensor
    /// The class logits `[N, classes]` of an `AuxiliaryClassifierLayer`, nil for other discriminators.
    public let classLogits: Tensor?

    public init(source: Tensor, classLogits: Tensor? = nil) {
        self.source = source
        self.classLogits = classLogits
    }
}

extension GAN: ClassConditionalGenerating {
    /// The samples of the classes `labels` (one per row of `z`) for noise `z`, without history; from the
    /// moving average of the generator's weights when `g_ema` is on. Stops when the GAN is not conditional.
    public func generate(_ z: Tensor, labels: [Int]) -> Tensor {
        precondition(classCount != nil, "GAN.generate(_:labels:): the GAN is not conditioned on classes")
        let sampler = samplingGenerator()
        return withoutGrad { Self.generated(by: sampler, from: z, labels: labels) }
    }

    /// The discriminator's scores of `samples` (for the classes `labels` when it reads labels; nil gives the
    /// classes 0, 1, … in turn), with history.
    public func discriminatorScores(_ samples: Tensor, labels: [Int]?) -> DiscriminatorScores {
        Self.scores(of: discriminator, samples, labels: labels)
    }

    /// The discriminator's loss on `real` and `fake` scores (the objective's, real samples aimed at 1 minus
    /// the label smoothing), plus for an AC-GAN the cross-entropy of the class head on the real samples'
    /// labels and (when its discriminator `learnsFakeClasses`) on the fake samples' requested classes,
    /// returned also on its own.
    public func discriminatorLoss(real: DiscriminatorScores, fake: DiscriminatorScores, labels: StepLabels?)
        -> (loss: Tensor, classLoss: Float?) {
        let loss = objective.discriminatorLoss(real: real.source, fake: fake.source, realTarget: 1 - options.labelSmoothing)
        guard let labels, let realLogits = real.classLogits, let fakeLogits = fake.classLogits else { return (loss, nil) }
        let learnsFakeClasses = (discriminator as? any AuxiliaryClassifierLayer)?.learnsFakeClasses ?? true
        let realClassLoss = crossEntropy(realLogits, labels: labels.real)
        let classLoss = learnsFakeClasses ? realClassLoss + crossEntropy(fakeLogits, labels: labels.fake) : realClassLoss
        return (loss + classLoss, classLoss.item)
    }

    /// The generator's loss on the discriminator's `fake` scores (and `real` source scores for relativistic
    /// objectives), plus for an AC-GAN the class head's cross-entropy on the requested classes, returned also
    /// on its own.
    public func generatorLoss(fake: DiscriminatorScores, real: Tensor, labels: StepLabels?) -> (loss: Tensor, classLoss: Float?) {
        let loss = objective.generatorLoss(fake: fake.source, real: real)
        guard let labels, let fakeLogits = fake.classLogits else { return (loss, nil) }
        let classLoss = crossEntropy(fakeLogits, labels: labels.fake)
        return (loss + classLoss, classLoss.item)
    }

    /// The step's labels in a conditional GAN: the data's `real` labels (one per sample) and a class drawn
    /// uniformly from `random` for each of the `count` fake samples; nil for an unconditional GAN.
    func stepLabels(real: [Int], count: Int, random: inout RandomGenerator) -> StepLabels? {
        guard let classCount else { return nil }
        precondition(real.count == count && real.allSatisfy { (0..<classCount).contains($0) },
                     "GAN: a conditional GAN needs a label in 0..<\(classCount) for each of the \(count) real samples, got \(real.count) labels")
        return StepLabels(real: real, fake: (0..<count).map { _ in random.nextInt(below: classCount) })
    }

    /// `generator`'s output for noise `z`, of the classes `labels` when it reads labels and they are given.
    static func generated(by generator: any Layer, from z: Tensor, labels: [Int]?) -> Tensor {
        guard let labels, let conditional = generator as? any LabelConditionedLayer else { return generator(z) }
        return conditional(z, labels: labels)
    }

    /// `discriminator`'s scores of `x`: the source and class heads of an AC-GAN discriminator, the scores for
    /// the classes `labels` of one that reads labels, or its plain output.
    static func scores(of discriminator: any Layer, _ x: Tensor, labels: [Int]?) -> DiscriminatorScores {
        if let auxiliary = discriminator as? any AuxiliaryClassifierLayer {
            let (source, classLogits) = auxiliary.sourceAndClassLogits(x)
            return DiscriminatorScores(source: source, classLogits: classLogits)
        }
        guard let labels, let conditional = discriminator as? any LabelConditionedLayer else {
            return DiscriminatorScores(source: discriminator(x))
        }
        return DiscriminatorScores(source: conditional(x, labels: labels))
    }
}
