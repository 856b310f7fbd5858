import LatentData

/// The options that fit a model's networks to its training data (channels, side, attributes): a run that
/// leaves them out takes them from its data (`ModelEntry.adoptingDataShape(of:configuration:)`), and its
/// `config.yaml` records them, so that a trained run rebuilds the same networks without its data.
public protocol DataShape: Sendable {
    /// The options that set the shape, with their defaults.
    var options: [ModelOption] { get }

    /// The shape of one training sample, `[channels, height, width]`, that `options` set. Throws naming a
    /// value out of range.
    func sampleShape(_ options: ModelOptions) throws -> [Int]

    /// The option values that fit `images`, the training data of a run of `model` on `dataset`. Throws when
    /// the model cannot take the images.
    func optionValues(for images: ImageDataset, dataset: String, model: String) throws -> [String: String]
}

extension DataShape {
    /// Throws, suggesting `--image-size`, when `images`, the data of a run of `model` on `dataset`, are not square.
    func requireSquare(_ images: ImageDataset, dataset: String, model: String) throws {
        guard images.height == images.width else {
            throw TrainingError.invalidConfiguration(
                "model \(model) takes square images, but data set \(dataset) holds \(images.width)×\(images.height) ones; "
                    + "resize them with --image-size N")
        }
    }
}
