import LatentNN

/// The semi-supervised GAN of Salimans et al. 2016 in the model catalog.
enum SemiSupervisedGANCatalog {
    static let entries: [ModelEntry] = [semiGAN]

    /// MNIST's digits by default; the data's channels, side and attributes otherwise.
    static let shape = ImageShape(defaults: (channels: 1, size: 28), readsAttributes: true)

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
            + "300 epochs. Test error per epoch in metrics.jsonl (test_error); `latent classify RUN` measures it. "
            + "The nets take the data's channels and side (options channels, image_size). On a multi-label data set "
            + "(CelebA's 40 binary attributes; option attributes, the data's count) D has one logistic output per attribute "
            + "and its own real/fake logit: the labelled loss is the binary cross-entropy of the attributes of --labels N "
            + "images drawn at random, the unlabelled terms read the real/fake logit, and test_attribute_error is logged.",
        sampleShape: [1, 28, 28], dataShape: shape, scaling: .zeroToOne, defaultEpochs: 300, defaultBatchSize: 100,
        defaultLearningRates: ["generator": 3e-3, "discriminator": 3e-3], defaultLabels: 100
    ) { settings in
        try SemiSupervisedGAN.make(settings)
    }
}

/// How the semi-supervised GAN is put together from its settings.
enum SemiSupervisedGAN {
    /// The game of `ImprovedGANMNIST`'s networks for the images and labels `settings` set: D initialized from
    /// `settings.examples.initialization` when given, trained on the labelled examples' cross-entropy (of classes,
    /// or of attributes when the `attributes` option is positive; none when a trained run is loaded) and the
    /// unsupervised real/fake terms; G by feature matching; D's logits offered as `class_logits` or `attribute_logits`.
    static func make(_ settings: ModelSettings) throws -> GAN {
        let (channels, size, attributes) = try SemiSupervisedGANCatalog.shape.values(settings.options)
        let inputSize = channels * size * size
        let generator = ImprovedGANMNIST.generator(sampleShape: [channels, size, size])
        guard attributes > 0 else {
            let (trunk, head) = ImprovedGANMNIST.layers(inputSize: inputSize, outputs: ImprovedGANMNIST.classCount)
            let network = ClassLogitDiscriminator(trunk: trunk, head: head)
            let logits = Representation(
                name: "class_logits", kind: .classLogits, summary: "the discriminator's \(ImprovedGANMNIST.classCount) class logits"
            ) { x in network.classLogits(x) }
            return game(settings, generator: generator, discriminator: network, labelled: try classLoss(settings), logits: logits)
        }
        let (trunk, head) = ImprovedGANMNIST.layers(inputSize: inputSize, outputs: attributes + 1)
        let network = AttributeLogitDiscriminator(trunk: trunk, head: head, attributeCount: attributes)
        let logits = Representation(
            name: "attribute_logits", kind: .attributeLogits, summary: "the discriminator's \(attributes) attribute logits"
        ) { x in network.attributeLogits(x) }
        return game(settings, generator: generator, discriminator: network, labelled: try attributeLoss(settings, attributes: attributes), logits: logits)
    }

    /// The game of `generator` and `discriminator` (initialized from `settings.examples.initialization` when
    /// given) with the `labelled` term, the unsupervised real/fake terms and feature matching, offering `logits`.
    private static func game<D: LogitHeadDiscriminator>(
        _ settings: ModelSettings, generator: Sequential, discriminator: D, labelled: [any Term<Tensor>], logits: Representation
    ) -> GAN {
        if let batch = settings.examples.initialization { discriminator.initializeFromData(batch) }
        return GAN(
            generator: generator, generatorOptimizer: Adam(learningRate: settings.learningRate("generator"), betas: (0.5, 0.999)),
            discriminator: discriminator,
            discriminatorOptimizer: Adam(learningRate: settings.learningRate("discriminator"), betas: (0.5, 0.999)),
            prior: UniformPrior(latentShape: [ImprovedGANMNIST.latentSize], low: 0, high: 1), sides: ImageSides(), objective: NonSaturatingObjective(),
            discriminatorTerms: labelled + [UnlabelledRealLoss(), GeneratedFakeLoss()], generatorTerms: [FeatureMatching<Tensor>()],
            latentShape: [ImprovedGANMNIST.latentSize], representations: [logits])
    }

    /// The labelled term of a class discriminator: none without labelled examples (a trained run being loaded);
    /// throws when the examples carry attributes instead of classes.
    private static func classLoss(_ settings: ModelSettings) throws -> [any Term<Tensor>] {
        guard let images = settings.examples.labelledImages else { return [] }
        if let attributes = settings.examples.attributes {
            throw TrainingError.invalidConfiguration(
                "model \(settings.model): option attributes=0 asks for class labels, but the labelled images carry \(attributes.shape[1]) attributes")
        }
        return [LabelledClassLoss(images: images, labels: settings.examples.labels, batchSize: settings.batchSize)]
    }

    /// The labelled term of a multi-label discriminator of `attributes` attributes: none without labelled
    /// examples (a trained run being loaded); throws when the examples carry classes or another number of attributes.
    private static func attributeLoss(_ settings: ModelSettings, attributes: Int) throws -> [any Term<Tensor>] {
        guard let images = settings.examples.labelledImages else { return [] }
        guard let values = settings.examples.attributes, values.shape[1] == attributes else {
            throw TrainingError.invalidConfiguration(
                "model \(settings.model): option attributes=\(attributes), but the labelled images carry "
                    + (settings.examples.attributes.map { "\($0.shape[1]) attributes" } ?? "class labels"))
        }
        return [LabelledAttributeLoss(images: images, attributes: values, batchSize: settings.batchSize)]
    }
}
