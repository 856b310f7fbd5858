import LatentTensor

/// An 8-bit image: grey (one channel) or RGB (three), pixels stored row by row with channels interleaved.
public struct Image: Equatable, Sendable {
    /// Columns of pixels.
    public let width: Int
    /// Rows of pixels.
    public let height: Int
    /// 1 for grey, 3 for RGB.
    public let channels: Int
    /// `height * width * channels` bytes: row 0 first, and within a pixel red, green, blue.
    public var pixels: [UInt8]

    /// An image of the given size filled with `value` in every channel.
    public init(width: Int, height: Int, channels: Int, value: UInt8 = 0) {
        self.init(width: width, height: height, channels: channels,
                  pixels: [UInt8](repeating: value, count: width * height * channels))
    }

    /// An image holding `pixels` (row-major, channels interleaved).
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(channels == 1 || channels == 3, "Image: expected 1 (grey) or 3 (RGB) channels, got \(channels)")
        precondition(width > 0 && height > 0, "Image: expected a positive size, got \(width)×\(height)")
        precondition(pixels.count == width * height * channels,
                     "Image: \(pixels.count) bytes do not fill \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The image of a `[C, H, W]` tensor (C is 1 or 3) whose values span `range`; values outside it are clipped.
    /// Values map to bytes as torchvision's `save_image` does: `clamp(v * 255 + 0.5, 0, 255)`.
    public init(tensor: Tensor, range: PixelRange = .zeroToOne) {
        precondition(tensor.rank == 3 && (tensor.shape[0] == 1 || tensor.shape[0] == 3),
                     "Image(tensor:): expected shape [C, H, W] with C 1 or 3, got shape \(tensor.shape)")
        let (channels, height, width) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
        let plane = height * width
        var pixels = [UInt8](repeating: 0, count: plane * channels)
        tensor.withValues { values in
            for channel in 0..<channels {
                for index in 0..<plane {
                    pixels[index * channels + channel] = range.byte(values[channel * plane + index])
                }
            }
        }
        self.init(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// The pixels as a `[C, H, W]` tensor with values in [0, 1].
    public func tensor() -> Tensor {
        let plane = height * width
        var values = [Float](repeating: 0, count: plane * channels)
        for channel in 0..<channels {
            for index in 0..<plane {
                values[channel * plane + index] = Float(pixels[index * channels + channel]) / 255
            }
        }
        return Tensor(values, shape: [channels, height, width])
    }
}

/// The interval that image values span before they are turned into bytes.
public enum PixelRange: Sendable {
    /// Values in [0, 1] (0 black, 1 white).
    case zeroToOne
    /// Values in [-1, 1], as a tanh generator makes them.
    case minusOneToOne

    /// The byte for `value`: rescaled to [0, 1], then `clamp(v * 255 + 0.5, 0, 255)`.
    public func byte(_ value: Float) -> UInt8 {
        let unit: Float = self == .zeroToOne ? value : (value + 1) / 2
        let scaled = unit * 255 + 0.5
        guard scaled.isFinite else { return scaled > 0 ? 255 : 0 }
        return UInt8(Swift.min(Swift.max(scaled, 0), 255))
    }
}
