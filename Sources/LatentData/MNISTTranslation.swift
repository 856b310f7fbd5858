/// Image-translation tasks made from MNIST with a known ground truth: A is a digit, B its image under a fixed
/// map. The training split pairs the first half of MNIST's training digits (A) with the maps of the second
/// half (B), unpaired (`domainBChannel` 1, so loaders draw each B at random); the test split pairs each test
/// digit with its own map, the ground truth of the translation A → B. Labels are A's digits.
public enum MNISTTranslation: String, Sendable, CaseIterable {
    /// B is the digit inverted, 255 − p: the exact inverse is known.
    case inverse = "mnist-inverse"
    /// B is the digit with thicker strokes: a 3×3 morphological dilation (the largest pixel of each 3×3
    /// neighbourhood).
    case thick = "mnist-thick"

    /// The task's split made from MNIST's `digits` of that split.
    public func dataset(_ split: DataSplit, digits: ImageDataset) -> ImageDataset {
        precondition(digits.channels == 1, "MNISTTranslation: grey digits expected, got \(digits.channels) channels")
        let half = digits.count / 2
        let (a, b) = split == .train
            ? (digits.subset(Array(0..<half)), digits.subset(Array(half..<(2 * half)))) : (digits, digits)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(2 * a.pixels.count)
        for i in 0..<a.count {
            let range = (i * a.imageSize)..<((i + 1) * a.imageSize)
            pixels += a.pixels[range]
            pixels += map(Array(b.pixels[range]), height: b.height, width: b.width)
        }
        return ImageDataset(pixels: pixels, labels: a.labels, channels: 2, height: a.height, width: a.width, domainBChannel: 1)
    }

    /// The task's map of one grey image.
    public func map(_ image: [UInt8], height: Int, width: Int) -> [UInt8] {
        switch self {
        case .inverse:
            return image.map { 255 - $0 }
        case .thick:
            var result = image
            for y in 0..<height {
                for x in 0..<width {
                    var largest: UInt8 = 0
                    for dy in -1...1 where (0..<height).contains(y + dy) {
                        for dx in -1...1 where (0..<width).contains(x + dx) { largest = Swift.max(largest, image[(y + dy) * width + x + dx]) }
                    }
                    result[y * width + x] = largest
                }
            }
            return result
        }
    }
}
