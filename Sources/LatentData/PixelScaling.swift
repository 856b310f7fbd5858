/// How 8-bit pixel values become Float values.
public enum PixelScaling: Sendable, CaseIterable {
    /// `p / 255`, in [0, 1], as torchvision's `ToTensor()`.
    case zeroToOne
    /// `(p / 255 − 0.5) / 0.5`, in [−1, 1], as `ToTensor()` then `Normalize(0.5, 0.5)`: the range of a tanh generator.
    case minusOneToOne

    /// The Float value of each of the 256 pixel values.
    var table: [Float] {
        (0...255).map { pixel in
            let unit = Float(pixel) / 255
            switch self {
            case .zeroToOne: return unit
            case .minusOneToOne: return (unit - 0.5) / 0.5
            }
        }
    }
}
