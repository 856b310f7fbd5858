/// MNIST as a paired image-translation task with a known answer (edge map → digit, pix2pix's
/// edges → photo at digit scale): each digit padded with 2 black pixels to 32×32, a size the U-Net halves
/// down to one pixel, and its edge map, the morphological gradient (the 3×3 maximum less the 3×3 minimum
/// around each pixel), as channel 0 beside the digit as channel 1. Labels are kept.
public enum MNISTEdges {
    /// The side of the padded images.
    public static let size = 32

    /// The pairs of `digits` (`[1, 28, 28]` images): `[2, 32, 32]` images, edges then digit. Stops when the
    /// images are not 28×28 grey.
    public static func pairs(_ digits: ImageDataset) -> ImageDataset {
        precondition(digits.imageShape == [1, 28, 28], "MNISTEdges: expected 28×28 grey digits, got \(digits.imageShape)")
        let area = size * size
        var pixels = [UInt8](repeating: 0, count: digits.count * 2 * area)
        for index in 0..<digits.count {
            let digit = padded(Array(digits.pixels[(index * 784)..<(index * 784 + 784)]))
            let start = index * 2 * area
            pixels.replaceSubrange(start..<(start + area), with: edges(digit))
            pixels.replaceSubrange((start + area)..<(start + 2 * area), with: digit)
        }
        return ImageDataset(pixels: pixels, labels: digits.labels, channels: 2, height: size, width: size)
    }

    /// A 28×28 image centred in `size`×`size` black pixels.
    static func padded(_ image: [UInt8]) -> [UInt8] {
        let margin = (size - 28) / 2
        var result = [UInt8](repeating: 0, count: size * size)
        for row in 0..<28 {
            result.replaceSubrange(((row + margin) * size + margin)..<((row + margin) * size + margin + 28),
                                   with: image[(row * 28)..<(row * 28 + 28)])
        }
        return result
    }

    /// The morphological gradient of a `size`×`size` image: at each pixel, the largest less the smallest value
    /// of its 3×3 neighbourhood (clipped at the border).
    static func edges(_ image: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: size * size)
        for row in 0..<size {
            for column in 0..<size {
                var low = UInt8.max, high = UInt8.min
                for r in max(row - 1, 0)...min(row + 1, size - 1) {
                    for c in max(column - 1, 0)...min(column + 1, size - 1) {
                        low = min(low, image[r * size + c])
                        high = max(high, image[r * size + c])
                    }
                }
                result[row * size + column] = high - low
            }
        }
        return result
    }
}
