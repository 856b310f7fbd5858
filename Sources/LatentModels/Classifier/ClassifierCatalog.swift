import LatentNN

/// The classifier family's entries in the model catalog.
enum ClassifierCatalog {
    static let entries: [ModelEntry] = [
        ModelEntry(
            name: "classifier", aliases: ["mnist-convnet"],
            summary: "ConvNet of PyTorch's MNIST example (conv 32, conv 64, max pool, fc 128, fc 10), cross-entropy",
            details: """
                The network of pytorch/examples' mnist/main.py with the same state-dict names; trained with Adam \
                and the learning rate multiplied by lr_gamma every lr_step_size steps (937 steps is one epoch of \
                60,000 images at batch size 64). Its 128 penultimate features and its logits are the feature \
                extractor of the digit metrics (FID, KID, IS, precision and recall).
                """,
            sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 4, defaultBatchSize: 64,
            defaultLearningRates: ["model": 1e-3],
            options: [
                ModelOption("lr_step_size", default: "937", "optimizer steps between learning-rate decays"),
                ModelOption("lr_gamma", default: "0.7", "factor applied to the learning rate every lr_step_size steps"),
            ]
        ) { settings in
            try makeClassifier(settings)
        },
    ]

    /// A freshly initialized `MNISTConvNet` with Adam and the step schedule that `settings` give.
    static func makeClassifier(_ settings: ModelSettings) throws -> Classifier {
        let rate = settings.learningRate("model")
        let schedule = StepLR(
            baseLearningRate: rate, stepSize: try settings.options.integer("lr_step_size", in: 1...Int.max),
            gamma: try settings.options.float("lr_gamma", in: 0...1))
        return Classifier(model: MNISTConvNet(), optimizer: Adam(learningRate: rate), schedule: schedule)
    }
}
