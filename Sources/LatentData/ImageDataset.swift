import LatentTensor

/// Labelled 8-bit images held in memory, as read from a data set's files.
///
/// Pixels stay 8-bit (a quarter of the memory of Float); `images(scaling:)` and `DataLoader`
/// turn them into Float tensors.
public struct ImageDataset: Sendable {
    /// The pixels, image after image, each laid out channels × height × width.
    public let pixels: [UInt8]
    /// The class of each image.
    public let labels: [Int]
    /// How many images there are.
    public var count: Int { labels.count }
    /// Channels per image.
    public let channels: Int
    /// The height of each image.
    public let height: Int
    /// The width of each image.
    public let width: Int
    /// For unpaired data (CycleGAN's), the channel where the second domain's image starts: each image holds
    /// an A image and an unrelated B image side by side on the channel axis, and `DataLoader` draws each
    /// sample's B anew at random; nil for ordinary images.
    public let domainBChannel: Int?
    /// Binary attributes of each image for multi-label models (CelebA's 40), nil when the data set has none.
    public let attributes: ImageAttributes?

    /// The shape of one image, `[channels, height, width]`.
    public var imageShape: [Int] { [channels, height, width] }
    /// The number of values in one image.
    public var imageSize: Int { channels * height * width }
    /// One more than the largest label: the number of classes when every class appears.
    public var classCount: Int { (labels.max() ?? -1) + 1 }

    /// A data set of `labels.count` images whose pixels fill `[labels.count, channels, height, width]`, unpaired
    /// from channel `domainBChannel` on when given, with one row of `attributes` per image when given.
    public init(
        pixels: [UInt8], labels: [Int], channels: Int, height: Int, width: Int, domainBChannel: Int? = nil,
        attributes: ImageAttributes? = nil
    ) {
        precondition(channels > 0 && height > 0 && width > 0,
                     "ImageDataset: expected positive image sizes, got \(channels)×\(height)×\(width)")
        precondition(pixels.count == labels.count * channels * height * width, """
            ImageDataset: \(pixels.count) pixels do not fill \(labels.count) images of \(channels)×\(height)×\(width)
            """)
        precondition(labels.allSatisfy { $0 >= 0 }, "ImageDataset: labels must not be negative")
        precondition(domainBChannel.map { (1..<channels).contains($0) } ?? true,
                     "ImageDataset: the second domain must start at a channel in 1..<\(channels), got \(domainBChannel!)")
        precondition(attributes.map { $0.count == labels.count } ?? true,
                     "ImageDataset: \(attributes?.count ?? 0) rows of attributes for \(labels.count) images")
        self.domainBChannel = domainBChannel
        self.attributes = attributes
        self.pixels = pixels
        self.labels = labels
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Every image as a Float tensor of shape `[count, channels, height, width]`.
    public func images(scaling: PixelScaling) -> Tensor {
        let result = Tensor.zeros([count] + imageShape)
        let table = scaling.table
        result.withMutableValues { values in
            table.withUnsafeBufferPointer { table in
                pixels.withUnsafeBufferPointer { pixels in
                    for i in 0..<pixels.count { values[i] = table[Int(pixels[i])] }
                }
            }
        }
        return result
    }

    /// The images at `indices`, in that order.
    public func subset(_ indices: [Int]) -> ImageDataset {
        let size = imageSize
        var selected = [UInt8]()
        selected.reserveCapacity(indices.count * size)
        for index in indices {
            precondition((0..<count).contains(index), "ImageDataset.subset: index \(index) outside 0..<\(count)")
            selected.append(contentsOf: pixels[(index * size)..<(index * size + size)])
        }
        return ImageDataset(pixels: selected, labels: indices.map { labels[$0] },
                            channels: channels, height: height, width: width, domainBChannel: domainBChannel,
                            attributes: attributes?.subset(indices))
    }

    /// The indices, ascending, of `perClass` images of every class from 0 to the largest label,
    /// chosen at random with `seed`: the labelled part of a semi-supervised split.
    ///
    /// Throws when a class has fewer than `perClass` images.
    public func labelledSubsetIndices(perClass: Int, seed: UInt64) throws -> [Int] {
        guard perClass > 0 else { throw DataError("labelled subset: expected at least 1 label per class, got \(perClass)") }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { byClass[label].append(index) }
        var generator = RandomGenerator(seed: seed)
        var chosen: [Int] = []
        for (label, members) in byClass.enumerated() {
            guard members.count >= perClass else {
                throw DataError("labelled subset: class \(label) has \(members.count) images, fewer than the \(perClass) asked for")
            }
            let order = Tensor.permutation(members.count, generator: &generator)
            chosen += order.prefix(perClass).map { members[$0] }
        }
        return chosen.sorted()
    }

    /// `perClass` images of every class, chosen at random with `seed` (see `labelledSubsetIndices`).
    public func labelledSubset(perClass: Int, seed: UInt64) throws -> ImageDataset {
        subset(try labelledSubsetIndices(perClass: perClass, seed: seed))
    }
}
