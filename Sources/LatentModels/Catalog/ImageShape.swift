import LatentData

/// The samples of a model whose networks take the data's images: `channels` channels, `image_size` pixels
/// square, and, for a multi-label model, the number of binary `attributes` each image carries (0 for class
/// labels). Taken from the training data when a run leaves them out (see `DataShape`).
public struct ImageShape: DataShape {
    /// The channels and side when the options are not given.
    public let defaults: (channels: Int, size: Int)
    /// Whether the model reads the data's binary attributes (the `attributes` option).
    public let readsAttributes: Bool

    /// The most attributes an image may carry (CelebA has 40).
    public static let maximumAttributes = 1_000

    /// A shape that defaults to `defaults`, with the `attributes` option when `readsAttributes`.
    public init(defaults: (channels: Int, size: Int), readsAttributes: Bool) {
        self.defaults = defaults
        self.readsAttributes = readsAttributes
    }

    public var options: [ModelOption] {
        [
            ModelOption("channels", default: "\(defaults.channels)", "channels of the images (1 grey, 3 RGB); the data's when not given"),
            ModelOption("image_size", default: "\(defaults.size)", "side of the square images the networks take; the data's when not given"),
        ] + (readsAttributes
            ? [ModelOption("attributes", default: "0", "binary attributes per image (one logistic output each); 0 for class labels; the data's when not given")]
            : [])
    }

    /// The channels, side and attributes that `options` set (attributes 0 without the option); throws naming a
    /// value out of range.
    public func values(_ options: ModelOptions) throws -> (channels: Int, size: Int, attributes: Int) {
        let channels = try options.integer("channels", in: 1...3)
        guard channels != 2 else {
            throw TrainingError.invalidConfiguration("model \(options.model): channels must be 1 (grey) or 3 (RGB), got 2")
        }
        let size = try options.integer("image_size", in: 1...ImageDataset.maximumResizedSide)
        let attributes = readsAttributes ? try options.integer("attributes", in: 0...Self.maximumAttributes) : 0
        return (channels, size, attributes)
    }

    public func sampleShape(_ options: ModelOptions) throws -> [Int] {
        let (channels, size, _) = try values(options)
        return [channels, size, size]
    }

    /// The values that fit `images`: their channels and side, and the number of their attributes (0 when they
    /// have none). Throws when the images are not square or not grey or RGB, or carry more attributes than the limit.
    public func optionValues(for images: ImageDataset, dataset: String, model: String) throws -> [String: String] {
        guard [1, 3].contains(images.channels) else {
            throw TrainingError.invalidConfiguration(
                "model \(model) takes grey or RGB images, but data set \(dataset) has \(images.channels) channels")
        }
        try requireSquare(images, dataset: dataset, model: model)
        var values = ["channels": "\(images.channels)", "image_size": "\(images.height)"]
        if readsAttributes {
            let count = images.attributes?.names.count ?? 0
            guard count <= Self.maximumAttributes else {
                throw TrainingError.invalidConfiguration(
                    "data set \(dataset) has \(count) attributes per image, more than the \(Self.maximumAttributes) model \(model) takes")
            }
            values["attributes"] = "\(count)"
        }
        return values
    }
}
