import LatentData
import LatentModels

/// The data sets `latent train` reads, and the one place that turns a configuration into a loader.
enum TrainingData {
    /// The data set names `--dataset` accepts.
    static let names = MNISTVariant.allCases.map(\.rawValue)

    /// The training loader of `configuration.dataset` for `entry`: the training split read from
    /// `configuration.dataDirectory` (default `Data/DATASET` under the current directory). Throws naming
    /// an unknown data set, or a missing or malformed data file.
    static func loader(for entry: ModelEntry, configuration: RunConfiguration) throws -> DataLoader {
        guard let variant = MNISTVariant(rawValue: configuration.dataset) else {
            throw CommandFailure("unknown dataset \"\(configuration.dataset)\"; the datasets are \(names.joined(separator: ", "))")
        }
        let directory = try MNIST.directory(configuration.dataDirectory, variant: variant)
        let images = try MNIST.load(.train, from: directory, variant: variant)
        return try entry.trainingLoader(images, configuration: configuration)
    }
}
