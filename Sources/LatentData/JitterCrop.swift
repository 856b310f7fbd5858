/// One crop of pix2pix's jitter: images of `height`×`width` enlarged to `Augmentation.jitterSide` of each
/// side (bilinearly, as `ImageDataset.resized` enlarges) and cut back to `height`×`width` from row `top`
/// and column `left` of the enlarged image.
public struct JitterCrop: Sendable, Equatable {
    public let height: Int
    public let width: Int
    public let top: Int
    public let left: Int

    /// The crop at (`top`, `left`), which must leave the crop inside the enlarged image.
    public init(height: Int, width: Int, top: Int, left: Int) {
        precondition(height >= 1 && width >= 1, "JitterCrop: sizes must be positive, got \(height)×\(width)")
        precondition((0...(Augmentation.jitterSide(height) - height)).contains(top)
                     && (0...(Augmentation.jitterSide(width) - width)).contains(left),
                     "JitterCrop: offset (\(top), \(left)) leaves the enlarged image of a \(height)×\(width) one")
        (self.height, self.width, self.top, self.left) = (height, width, top, left)
    }

    /// `image` (`[channels, height, width]` values) enlarged and cropped, every channel alike.
    public func apply(_ image: [Float], channels: Int) -> [Float] {
        precondition(image.count == channels * height * width,
                     "JitterCrop: \(image.count) values are not \(channels)×\(height)×\(width)")
        let rows = Resampling(from: height, to: Augmentation.jitterSide(height))
        let columns = Resampling(from: width, to: Augmentation.jitterSide(width))
        var result = [Float](repeating: 0, count: image.count)
        for c in 0..<channels {
            let plane = c * height * width
            for y in 0..<height {
                for x in 0..<width {
                    result[plane + y * width + x] = Float(rows.value(at: top + y) { row in
                        columns.value(at: left + x) { Double(image[plane + row * width + $0]) }
                    })
                }
            }
        }
        return result
    }
}
