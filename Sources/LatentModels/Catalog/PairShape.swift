import LatentData

/// The samples of a translation model whose networks take the data's channels and size: a source image of
/// `input_nc` channels beside a target of `output_nc` channels on the channel axis, `crop_size` pixels square
/// (pix2pix's option names), taken from the training data when a run leaves them out (see `DataShape`).
public struct PairShape: DataShape {
    /// The source's channels, the target's and the side when the options are not given.
    public let defaults: (source: Int, target: Int, size: Int)
    /// The sides the model's networks take, in words, such as "a power of 2 from 32".
    public let sizeRule: String
    private let accepts: @Sendable (Int) -> Bool

    /// A shape that defaults to `defaults` and takes the sides `accepts` allows (`sizeRule` in words).
    public init(defaults: (source: Int, target: Int, size: Int), sizeRule: String, accepts: @escaping @Sendable (Int) -> Bool) {
        self.defaults = defaults
        self.sizeRule = sizeRule
        self.accepts = accepts
    }

    /// The options that set the shape.
    public var options: [ModelOption] {
        [
            ModelOption("input_nc", default: "\(defaults.source)", "channels of the source image (1 grey, 3 RGB); the data's when not given"),
            ModelOption("output_nc", default: "\(defaults.target)", "channels of the target image (1 grey, 3 RGB); the data's when not given"),
            ModelOption("crop_size", default: "\(defaults.size)", "side of the square images the networks take; the data's when not given"),
        ]
    }

    /// The source's channels, the target's and the side that `options` set; throws naming a value out of range.
    public func values(_ options: ModelOptions) throws -> (source: Int, target: Int, size: Int) {
        let source = try options.integer("input_nc", in: 1...3), target = try options.integer("output_nc", in: 1...3)
        let size = try options.integer("crop_size", in: 1...ImageDataset.maximumResizedSide)
        guard accepts(size) else {
            throw TrainingError.invalidConfiguration("model \(options.model): crop_size \(size) must be \(sizeRule)")
        }
        return (source, target, size)
    }

    /// The sample shape `[input_nc + output_nc, crop_size, crop_size]` that `options` set.
    public func sampleShape(_ options: ModelOptions) throws -> [Int] {
        let (source, target, size) = try values(options)
        return [source + target, size, size]
    }

    /// The option values that fit the pairs of `images`: the source's channels are the second domain's start
    /// when the data are unpaired, else half the channels. Throws when the images are not square or their
    /// channels do not split into two images of 1 or 3 channels.
    public func optionValues(for images: ImageDataset, dataset: String, model: String) throws -> [String: String] {
        let source = images.domainBChannel ?? images.channels / 2, target = images.channels - source
        guard images.domainBChannel != nil || images.channels % 2 == 0, [1, 3].contains(source), [1, 3].contains(target) else {
            throw TrainingError.invalidConfiguration(
                "model \(model) takes pairs of grey or RGB images, but data set \(dataset) has \(images.channels) channels per pair")
        }
        try requireSquare(images, dataset: dataset, model: model)
        return ["input_nc": "\(source)", "output_nc": "\(target)", "crop_size": "\(images.height)"]
    }
}
