import LatentData
import LatentNN

/// A model that `latent train NAME` can train: its description, the data it expects, its defaults,
/// the options it understands, and how to build it with its optimizers.
public struct ModelEntry: Sendable {
    /// The name on the command line, such as `dcgan`.
    public let name: String
    /// Other names that select the same model (such as `dcgan-mnist`).
    public let aliases: [String]
    /// One line saying what the model is.
    public let summary: String
    /// Where the model comes from and what is special about it, for `latent models --details`.
    public let details: String
    /// The shape of one training sample: `[channels, height, width]` for images, `[2]` for 2-D points; for a
    /// model with a `dataShape`, the shape its options give by default (see `sampleShape(for:)`).
    public let sampleShape: [Int]
    /// For a model whose networks take the data's channels and size (and attributes), the options that set them.
    public let dataShape: (any DataShape)?
    /// Whether the model's options include `jitter` and `flip`, the loader's pix2pix augmentation.
    public let augmentsPairs: Bool
    /// How the data's pixels must be scaled (a tanh generator needs [−1, 1], a VAE's BCE [0, 1]).
    public let scaling: PixelScaling
    /// The data set trained on when none is given.
    public let defaultDataset: String
    /// Passes over the data when none are given.
    public let defaultEpochs: Int
    /// Samples per batch when none is given.
    public let defaultBatchSize: Int
    /// Learning rates by optimizer name, used for those a configuration does not give.
    public let defaultLearningRates: [String: Float]
    /// The model options a configuration may set (`model_options` in `config.yaml`).
    public let options: [ModelOption]
    /// Whether an epoch leaves out the last, partial batch (GANs, whose batch statistics want full
    /// batches) or trains on it too (Keras's autoencoders).
    public let dropsLastBatch: Bool
    /// How many labelled training images the model learns from when a configuration gives no `labels`, for a
    /// semi-supervised model, which reads no other label (its training batches carry none); nil for the others.
    public let defaultLabels: Int?
    /// The Swift module that defined the entry (`LatentModels` for Latent's own models), recorded in a run's
    /// `run.json` so that a run says which package's model made it.
    public let module: String
    private let build: @Sendable (ModelSettings) throws -> any Trainable

    /// An entry whose `build` makes the model with its optimizers from its settings. Leave `definedIn` out: it
    /// defaults to the calling file (`#fileID`), whose module becomes `module`.
    public init(
        name: String, aliases: [String] = [], summary: String, details: String = "", sampleShape: [Int],
        dataShape: (any DataShape)? = nil, augmentsPairs: Bool = false, scaling: PixelScaling, defaultDataset: String = "mnist", defaultEpochs: Int, defaultBatchSize: Int,
        defaultLearningRates: [String: Float], options: [ModelOption] = [], dropsLastBatch: Bool = true,
        defaultLabels: Int? = nil, definedIn fileID: String = #fileID, build: @escaping @Sendable (ModelSettings) throws -> any Trainable
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.details = details
        self.sampleShape = sampleShape
        self.dataShape = dataShape
        self.augmentsPairs = augmentsPairs
        self.scaling = scaling
        self.defaultDataset = defaultDataset
        self.defaultEpochs = defaultEpochs
        self.defaultBatchSize = defaultBatchSize
        self.defaultLearningRates = defaultLearningRates
        self.options = options
        self.dropsLastBatch = dropsLastBatch
        self.defaultLabels = defaultLabels
        self.module = String(fileID.prefix { $0 != "/" })
        self.build = build
    }

    /// Whether `name` is this model's name or one of its aliases.
    public func answers(to name: String) -> Bool {
        name == self.name || aliases.contains(name)
    }

    /// The learning rates of `configuration`, with the defaults for the optimizers it leaves out.
    public func learningRates(_ configuration: RunConfiguration) -> [String: Float] {
        defaultLearningRates.merging(configuration.learningRates) { _, given in given }
    }

    /// Every option the model reads: its own, the loader's `jitter` and `flip` when it augments pairs, its
    /// data shape's, and `sync_batch_norm`.
    public var allOptions: [ModelOption] {
        options + (augmentsPairs ? [.jitter, .flip] : []) + (dataShape?.options ?? []) + [.syncBatchNorm]
    }

    /// The shape of one training sample of a run of `configuration`: `sampleShape`, or for a model with a
    /// `dataShape` the shape its options set. Throws naming an option that is not understood.
    public func sampleShape(for configuration: RunConfiguration) throws -> [Int] {
        guard let dataShape else { return sampleShape }
        return try dataShape.sampleShape(try ModelOptions(configuration.options, allowed: allOptions, model: name))
    }

    /// `configuration` with the data shape options it leaves out taken from `images`, its training data (unchanged
    /// for a model without a `dataShape`). Throws when the model cannot take the images.
    public func adoptingDataShape(of images: ImageDataset, configuration: RunConfiguration) throws -> RunConfiguration {
        guard let dataShape else { return configuration }
        var adopted = configuration
        let values = try dataShape.optionValues(for: images, dataset: configuration.dataset, model: name)
        adopted.options.merge(values) { given, _ in given }
        return adopted
    }

    /// The settings `configuration` gives this model: its learning rates, options and batch size, defaults filled
    /// in, and `examples` of its training data. Throws naming an option the model does not have, or a learning
    /// rate for an optimizer it lacks.
    public func settings(_ configuration: RunConfiguration, examples: ModelExamples = ModelExamples()) throws -> ModelSettings {
        for name in configuration.learningRates.keys where defaultLearningRates[name] == nil {
            throw TrainingError.invalidConfiguration(
                "model \(self.name) has no optimizer \"\(name)\"; its learning rates are "
                    + defaultLearningRates.keys.sorted().joined(separator: ", "))
        }
        let settings = ModelSettings(
            model: self.name, learningRates: learningRates(configuration),
            options: try ModelOptions(configuration.options, allowed: allOptions, model: self.name),
            batchSize: configuration.batchSize, examples: examples)
        _ = try settings.options.boolean(ModelOption.syncBatchNorm.name)
        return settings
    }

    /// The loader a training run of this model reads `dataset` with: shuffled by the configuration's seed,
    /// the last partial batch dropped if `dropsLastBatch`, pixels scaled as the model needs, the next batch prepared in the
    /// background, without labels for a model with a label budget (`defaultLabels`). Throws when the data set's images are not the shape the model takes.
    public func trainingLoader(_ dataset: ImageDataset, configuration: RunConfiguration) throws -> DataLoader {
        let shape = try sampleShape(for: configuration)
        guard dataset.imageShape == shape else {
            throw TrainingError.invalidConfiguration(
                "model \(name) takes images of shape \(shape), but data set \(configuration.dataset) has \(dataset.imageShape)")
        }
        return try DataLoader(
            dataset, batchSize: configuration.batchSize, shuffle: true, dropLast: dropsLastBatch, scaling: scaling,
            augmentation: try augmentation(configuration), seed: configuration.seed, prefetch: 1, readsLabels: defaultLabels == nil)
    }

    /// The random changes the training loader makes to each sample: pix2pix's jitter and flips when the model
    /// augments pairs and its options ask for them, else none.
    public func augmentation(_ configuration: RunConfiguration) throws -> Augmentation {
        guard augmentsPairs else { return .none }
        let options = try ModelOptions(configuration.options, allowed: allOptions, model: name)
        return Augmentation(horizontalFlip: try options.boolean(ModelOption.flip.name), jitter: try options.boolean(ModelOption.jitter.name))
    }

    /// The training loader of `dataset`: images as `trainingLoader(_:configuration:)` reads them, or
    /// 2-D points (labelled with their modes) shuffled and batched the same way.
    public func trainingLoader(_ dataset: Dataset, configuration: RunConfiguration) throws -> DataLoader {
        switch dataset {
        case .images(let images, _):
            return try trainingLoader(images, configuration: configuration)
        case .points(let points):
            guard sampleShape == [2] else {
                throw TrainingError.invalidConfiguration(
                    "model \(name) takes images of shape \(sampleShape), but data set \(configuration.dataset) holds 2-D points")
            }
            return try DataLoader(points.points, labels: points.modes, batchSize: configuration.batchSize, shuffle: true,
                                  dropLast: dropsLastBatch, seed: configuration.seed, prefetch: 1)
        }
    }

    /// The loader that evaluates this model on held-out `dataset`: every sample once, in order, in
    /// batches of `batchSize`, scaled as for training.
    public func evaluationLoader(_ dataset: Dataset, batchSize: Int = 500) throws -> DataLoader {
        switch dataset {
        case .images(let images, _):
            return try DataLoader(images, batchSize: Swift.min(batchSize, images.count), scaling: scaling)
        case .points(let points):
            return try DataLoader(points.points, labels: points.modes, batchSize: Swift.min(batchSize, points.points.shape[0]))
        }
    }

    /// A freshly initialized model and its optimizers (initialization draws from `GlobalRandom`), seeing
    /// `examples` of its training data (none when a trained run is loaded).
    public func makeModel(_ configuration: RunConfiguration, examples: ModelExamples = ModelExamples()) throws -> any Trainable {
        try build(try settings(configuration, examples: examples))
    }
}

/// What a model is built from: its learning rates and options, with defaults filled in.
public struct ModelSettings: Sendable {
    /// The model's name.
    public let model: String
    /// Learning rates by optimizer name.
    public let learningRates: [String: Float]
    /// The model's options.
    public let options: ModelOptions
    /// Samples per batch.
    public let batchSize: Int
    /// What the model may see of its training data when it is built.
    public let examples: ModelExamples

    /// The learning rate of the optimizer `name` (every entry declares a default for its optimizers).
    public func learningRate(_ name: String) -> Float {
        guard let rate = learningRates[name] else { preconditionFailure("model \(model) has no learning rate \"\(name)\"") }
        return rate
    }
}
