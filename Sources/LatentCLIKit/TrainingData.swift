import LatentData
import LatentModels

/// The data a training run reads: the one place that turns a configuration into loaders.
enum TrainingData {
    /// The training loader of `configuration.dataset` for `entry`: its training split, from
    /// `configuration.dataDirectory` or the data set's default places (see `DatasetCatalog`). Throws
    /// naming an unknown data set, a missing directory, or a malformed data file.
    static func loader(for entry: ModelEntry, configuration: RunConfiguration) throws -> DataLoader {
        let dataset = try DatasetCatalog().load(configuration.dataset, split: .train, dataDirectory: configuration.dataDirectory)
        return try entry.trainingLoader(dataset, configuration: configuration)
    }

    /// The loader of the held-out (test) split that a model measures itself on after each epoch, or nil
    /// when the model does not evaluate itself or the data set has no test split (an image folder).
    static func heldOutLoader(for entry: ModelEntry, configuration: RunConfiguration, model: any Trainable) throws -> DataLoader? {
        guard model is Evaluating, try DatasetCatalog.entry(configuration.dataset).hasTestSplit else { return nil }
        let dataset = try DatasetCatalog().load(configuration.dataset, split: .test, dataDirectory: configuration.dataDirectory)
        return try entry.evaluationLoader(dataset)
    }
}
