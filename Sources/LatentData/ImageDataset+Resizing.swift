extension ImageDataset {
    /// The largest side `resized(height:width:)` makes.
    public static let maximumResizedSide = 4096

    /// Every image resized to `height`×`width`, each channel on its own: an axis that shrinks is averaged
    /// over areas and one that grows is interpolated linearly (see PyTorch's `F.interpolate` with
    /// `mode='area'` and with `mode='bilinear', align_corners=False, antialias=False`; an image that shrinks
    /// along one axis and grows along the other gets each axis's method). Values are computed exactly, in whole
    /// numbers over a common denominator, and rounded to the nearest byte, ties to even (as `torch.round`).
    /// Labels, attributes and the second domain's channel are kept.
    ///
    /// Throws naming the size when a side is below 1 or above `maximumResizedSide`.
    public func resized(height newHeight: Int, width newWidth: Int) throws -> ImageDataset {
        for (name, side) in [("height", newHeight), ("width", newWidth)] where !(1...Self.maximumResizedSide).contains(side) {
            throw DataError("image size: the \(name) must be between 1 and \(Self.maximumResizedSide) pixels, got \(side)")
        }
        guard newHeight != height || newWidth != width else { return self }
        let rows = Resampling(from: height, to: newHeight), columns = Resampling(from: width, to: newWidth)
        let planes = count * channels
        var result = [UInt8](repeating: 0, count: planes * newHeight * newWidth)
        var across = [Int](repeating: 0, count: height * newWidth)
        for plane in 0..<planes {
            let base = plane * height * width
            for y in 0..<height {
                for x in 0..<newWidth { across[y * newWidth + x] = columns.weightedSum(at: x) { Int(pixels[base + y * width + $0]) } }
            }
            let target = plane * newHeight * newWidth
            for y in 0..<newHeight {
                for x in 0..<newWidth {
                    let sum = rows.weightedSum(at: y) { across[$0 * newWidth + x] }
                    result[target + y * newWidth + x] = Self.roundedByte(sum, over: rows.denominators[y] * columns.denominators[x])
                }
            }
        }
        return ImageDataset(pixels: result, labels: labels, channels: channels, height: newHeight, width: newWidth,
                            domainBChannel: domainBChannel, attributes: attributes)
    }

    /// `numerator / denominator` (both non-negative, the quotient at most 255) rounded to the nearest whole
    /// number, ties to even.
    private static func roundedByte(_ numerator: Int, over denominator: Int) -> UInt8 {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let up = 2 * remainder > denominator || (2 * remainder == denominator && quotient % 2 == 1)
        return UInt8(quotient + (up ? 1 : 0))
    }
}
