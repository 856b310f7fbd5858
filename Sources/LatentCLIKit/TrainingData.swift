import LatentData
import LatentModels
import LatentNN

/// What a training run reads: the loader of its batches, the examples its model is built with (the labelled
/// images of its label budget, a batch for data-dependent initialization) and the label budget itself.
struct TrainingInputs {
    let data: DataLoader
    let examples: ModelExamples
    /// The labelled images a semi-supervised model learns from; nil for other models.
    let labelBudget: LabelBudget?
    /// The classes the training data's labels tell apart: 1 for a flat image folder (every image class 0), 0 for points.
    let classCount: Int
}

/// The data a training run reads: the one place that turns a configuration into loaders.
enum TrainingData {
    /// The inputs of a run of `entry` on `configuration.dataset`'s training split (the images of
    /// `configuration.classes` alone when set), from
    /// `configuration.dataDirectory` or the data set's default places (see `DatasetCatalog`): its loader
    /// (`ModelEntry.trainingLoader`), `initializationCount` images drawn with the run's seed for data-dependent
    /// initialization, and, when `configuration.labels` is set, the label budget drawn with the run's seed and
    /// its images with their classes (or their attributes, on a multi-label data set). Throws naming an unknown data set, a missing directory, a malformed data file, or a label
    /// budget the data cannot give.
    static func inputs(for entry: ModelEntry, configuration: RunConfiguration) throws -> TrainingInputs {
        try inputs(for: entry, configuration: configuration, dataset: try trainingDataset(configuration))
    }

    /// The inputs of a run of `entry` on `dataset`, the training split of `configuration`'s data set as
    /// `dataset(_:_:)` loads it.
    static func inputs(for entry: ModelEntry, configuration: RunConfiguration, dataset: Dataset) throws -> TrainingInputs {
        let data = try entry.trainingLoader(dataset, configuration: configuration)
        guard let images = dataset.images else {
            if configuration.labels != nil {
                throw CommandFailure("--labels: data set \(configuration.dataset) holds 2-D points, not labelled images")
            }
            return TrainingInputs(data: data, examples: ModelExamples(), labelBudget: nil, classCount: 0)
        }
        var order = RandomGenerator(seed: configuration.seed ^ initializationSeedMix)
        let initialization = images.subset(Array(Tensor.permutation(images.count, generator: &order).prefix(initializationCount)))
            .images(scaling: entry.scaling)
        guard let labels = configuration.labels else {
            return TrainingInputs(data: data, examples: ModelExamples(initialization: initialization), labelBudget: nil,
                                  classCount: dataset.classCount)
        }
        let budget = try images.labelBudget(count: labels, seed: configuration.seed)
        let chosen = images.subset(budget.indices)
        let attributes = chosen.attributes.map { Tensor($0.values.map(Float.init), shape: [$0.count, $0.names.count]) }
        return TrainingInputs(
            data: data,
            examples: ModelExamples(
                labelledImages: chosen.images(scaling: entry.scaling), labels: budget.labels, attributes: attributes,
                initialization: initialization),
            labelBudget: budget, classCount: dataset.classCount)
    }

    /// Training images a model may initialize its layers from (the 500 of Salimans et al. 2016's script).
    static let initializationCount = 500
    /// Mixed into the run's seed for the choice of the initialization images.
    private static let initializationSeedMix: UInt64 = 0x1A17_DA7A

    /// The held-out images a model measures itself on after each epoch: the training split's last
    /// `configuration.validationImages` when set, else the test split (the images of `configuration.classes` alone
    /// when set): their loader and attributes, or nil when the model does not evaluate itself or, without validation
    /// images, the data set has no test split (an image folder).
    static func heldOut(for entry: ModelEntry, configuration: RunConfiguration, model: any Trainable) throws -> HeldOutData? {
        guard model is Evaluating || model.classifier != nil || model.attributeClassifier != nil else { return nil }
        let measured: Dataset
        if let held = configuration.validationImages {
            measured = try validationSplit(of: try dataset(.train, configuration), holding: held, configuration).validation
        } else {
            guard try DatasetCatalog.entry(configuration.dataset).hasTestSplit else { return nil }
            measured = try dataset(.test, configuration)
        }
        return HeldOutData(data: try entry.evaluationLoader(measured), attributes: measured.images?.attributes)
    }

    /// The images a run of `configuration` trains on: the training split (restricted to `configuration.classes` when
    /// set) without its last `configuration.validationImages`.
    static func trainingDataset(_ configuration: RunConfiguration) throws -> Dataset {
        let train = try dataset(.train, configuration)
        guard let held = configuration.validationImages else { return train }
        return try validationSplit(of: train, holding: held, configuration).training
    }

    /// `train` cut before its last `held` images, the training split of `configuration`'s data set; throws when it
    /// holds points or too few images to keep one for training.
    private static func validationSplit(of train: Dataset, holding held: Int, _ configuration: RunConfiguration) throws
        -> (training: Dataset, validation: Dataset) {
        guard case .images(let images, let classNames) = train else {
            throw CommandFailure("--validation-images: data set \(configuration.dataset) holds 2-D points, not images")
        }
        guard held < images.count else {
            throw CommandFailure("--validation-images \(held): the training split of \(configuration.dataset) has \(images.count) images"
                + "\(configuration.classes == nil ? "" : " of the chosen classes"); hold out at most \(images.count - 1)")
        }
        let kept = images.count - held
        return (.images(images.subset(Array(0..<kept)), classNames: classNames),
                .images(images.subset(Array(kept..<images.count)), classNames: classNames))
    }

    /// Split `split` of data set `name` as the model of a run of `configuration` takes its images: resized to the run's
    /// image size, and in the run's direction when `name` is the run's data set.
    static func dataset(_ name: String, split: DataSplit, dataDirectory: String?, like configuration: RunConfiguration) throws -> Dataset {
        try DatasetCatalog().load(
            name, split: split, dataDirectory: dataDirectory, direction: name == configuration.dataset ? configuration.direction : nil,
            imageSize: configuration.imageSize)
    }

    /// The split of the configuration's data set, in its direction and image size, restricted to its classes
    /// when it names some.
    static func dataset(_ split: DataSplit, _ configuration: RunConfiguration) throws -> Dataset {
        let dataset = try dataset(configuration.dataset, split: split, dataDirectory: configuration.dataDirectory, like: configuration)
        guard let classes = configuration.classes else { return dataset }
        let images = try dataset.images(ofClasses: classes, name: configuration.dataset)
        guard case .images(_, let classNames) = dataset else { return dataset }
        return .images(images, classNames: classNames)
    }
}

/// The held-out split a run measures its model on after each epoch.
struct HeldOutData {
    /// Its loader: every image once, in order.
    let data: DataLoader
    /// Its images' binary attributes, on a multi-label data set.
    let attributes: ImageAttributes?
}
