import LatentNN

/// The semi-supervised GAN of Salimans et al. 2016 in the model catalog.
enum SemiSupervisedGANCatalog {
    static let entries: [ModelEntry] = [semiGAN]

    static let semiGAN = ModelEntry(
        name: "semi-gan",
        summary: "Semi-supervised GAN (Salimans et al. 2016): D a 10-class weight-normalized MLP with p(real) = Z/(Z+1), G by feature matching, 100 labels",
        details: "Improved Techniques for Training GANs, the MNIST recipe of the authors' train_mnist_feature_matching.py: "
            + "D 784-1000-500-250-250-250-10 with weight normalization (data-dependent initialization on 500 training images), "
            + "Gaussian noise σ 0.3 on the inputs and 0.5 on hidden layers; its K class logits l give p(real) = Z/(Z+1), Z = Σ exp(l_k) "
            + "(a fixed 0 logit for 'fake'). D minimizes the cross-entropy on a batch of labelled images (drawn each step from the "
            + "--labels N images, N/10 per class, the only labels training reads) plus ½·softplus(−log Z) on unlabelled and "
            + "½·softplus(log Z) on generated images; G (uniform noise 100-500-500-784, batch norm, softplus, weight-normalized "
            + "sigmoid output) minimizes feature matching on D's last hidden layer. Adam(3e-3, β 0.5, 0.999) for both, batch 100, "
            + "300 epochs. Test error per epoch in metrics.jsonl (test_error); `latent classify RUN` measures it.",
        sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 300, defaultBatchSize: 100,
        defaultLearningRates: ["generator": 3e-3, "discriminator": 3e-3], defaultLabels: 100
    ) { settings in
        SemiSupervisedGAN.make(settings)
    }
}

/// How the semi-supervised GAN is put together from its settings.
enum SemiSupervisedGAN {
    /// The game of `ImprovedGANMNIST`'s networks: D initialized from `settings.examples.initialization` when given,
    /// trained on the labelled examples' cross-entropy (when there are any: none when a trained run is loaded)
    /// and the unsupervised real/fake terms; G by feature matching; D's class logits offered as `class_logits`.
    static func make(_ settings: ModelSettings) -> GAN {
        let discriminator = ImprovedGANMNIST.discriminator()
        let generator = ImprovedGANMNIST.generator()
        if let batch = settings.examples.initialization { discriminator.initializeFromData(batch) }
        let labelled: [any Term<Tensor>] = settings.examples.labelledImages.map { images in
            [LabelledClassLoss(images: images, labels: settings.examples.labels, batchSize: settings.batchSize)]
        } ?? []
        let classLogits = Representation(
            name: "class_logits", kind: .classLogits, summary: "the discriminator's \(ImprovedGANMNIST.classCount) class logits"
        ) { x in discriminator.classLogits(x) }
        return GAN(
            generator: generator, generatorOptimizer: Adam(learningRate: settings.learningRate("generator"), betas: (0.5, 0.999)),
            discriminator: discriminator,
            discriminatorOptimizer: Adam(learningRate: settings.learningRate("discriminator"), betas: (0.5, 0.999)),
            prior: UniformPrior(latentShape: [ImprovedGANMNIST.latentSize], low: 0, high: 1), sides: ImageSides(), objective: NonSaturatingObjective(),
            discriminatorTerms: labelled + [UnlabelledRealLoss(), GeneratedFakeLoss()], generatorTerms: [FeatureMatching<Tensor>()],
            latentShape: [ImprovedGANMNIST.latentSize], representations: [classLogits])
    }
}
