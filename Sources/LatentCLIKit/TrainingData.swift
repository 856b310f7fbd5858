import LatentData
import LatentModels

/// The data a training run reads: the one place that turns a configuration into loaders.
enum TrainingData {
    /// The training loader of `configuration.dataset` for `entry`: its training split (the images of
    /// `configuration.classes` alone when set), from `configuration.dataDirectory` or the data set's default
    /// places (see `DatasetCatalog`). Throws naming an unknown data set or class, a missing directory, or a
    /// malformed data file.
    static func loader(for entry: ModelEntry, configuration: RunConfiguration) throws -> DataLoader {
        let dataset = try load(.train, configuration)
        return try entry.trainingLoader(dataset, configuration: configuration)
    }

    /// The loader of the held-out (test) split that a model measures itself on after each epoch (the images
    /// of `configuration.classes` alone when set), or nil when the model does not evaluate itself or the data
    /// set has no test split (an image folder).
    static func heldOutLoader(for entry: ModelEntry, configuration: RunConfiguration, model: any Trainable) throws -> DataLoader? {
        guard model is Evaluating, try DatasetCatalog.entry(configuration.dataset).hasTestSplit else { return nil }
        return try entry.evaluationLoader(try load(.test, configuration))
    }

    /// The split of the configuration's data set, restricted to its classes when it names some.
    private static func load(_ split: DataSplit, _ configuration: RunConfiguration) throws -> Dataset {
        let dataset = try DatasetCatalog().load(configuration.dataset, split: split, dataDirectory: configuration.dataDirectory)
        guard let classes = configuration.classes else { return dataset }
        let images = try dataset.images(ofClasses: classes, name: configuration.dataset)
        guard case .images(_, let classNames) = dataset else { return dataset }
        return .images(images, classNames: classNames)
    }
}
