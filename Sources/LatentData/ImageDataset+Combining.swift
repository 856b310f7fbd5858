import LatentTensor

extension ImageDataset {
    /// The images `[N, channels, height, width]` with values in [0, 1] and their `labels`, stored as 8-bit pixels
    /// (`PixelRange.zeroToOne.byte`, as a PNG would store them). Throws when the shape or the labels do not fit.
    public init(unitImages images: Tensor, labels: [Int]) throws {
        guard images.rank == 4 else { throw DataError("ImageDataset: expected images [N, channels, height, width], got \(images.shape)") }
        guard labels.count == images.shape[0] else {
            throw DataError("ImageDataset: \(labels.count) labels for \(images.shape[0]) images")
        }
        guard labels.allSatisfy({ $0 >= 0 }) else { throw DataError("ImageDataset: labels must not be negative") }
        let pixels = images.values.map(PixelRange.zeroToOne.byte)
        self.init(pixels: pixels, labels: labels, channels: images.shape[1], height: images.shape[2], width: images.shape[3])
    }

    /// This data set's images followed by `other`'s; throws when their image shapes differ.
    public func appending(_ other: ImageDataset) throws -> ImageDataset {
        guard other.imageShape == imageShape else {
            throw DataError("ImageDataset: cannot join images of shape \(imageShape) and \(other.imageShape)")
        }
        return ImageDataset(pixels: pixels + other.pixels, labels: labels + other.labels,
                            channels: channels, height: height, width: width)
    }
}
