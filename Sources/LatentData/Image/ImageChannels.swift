extension Image {
    /// The image with `channels` channels: grey is copied into red, green and blue; RGB becomes grey by the
    /// ITU-R 601-2 luma transform `L = 0.299 R + 0.587 G + 0.114 B`, rounded (as Pillow's `convert("L")`).
    public func converted(toChannels target: Int) -> Image {
        precondition(target == 1 || target == 3, "Image.converted: expected 1 (grey) or 3 (RGB) channels, got \(target)")
        if target == channels { return self }
        let count = width * height
        var result = [UInt8](repeating: 0, count: count * target)
        if target == 3 {
            for index in 0..<count {
                let grey = pixels[index]
                result[3 * index] = grey
                result[3 * index + 1] = grey
                result[3 * index + 2] = grey
            }
        } else {
            // The weights in 16-bit fixed point: 0.299, 0.587 and 0.114 times 65536, summing to 65536.
            for index in 0..<count {
                let red = UInt32(pixels[3 * index]), green = UInt32(pixels[3 * index + 1]), blue = UInt32(pixels[3 * index + 2])
                result[index] = UInt8((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16)
            }
        }
        return Image(width: width, height: height, channels: target, pixels: result)
    }

    /// The pixels laid out channels × height × width (planar), as `ImageDataset` stores them.
    public var planarPixels: [UInt8] {
        let plane = width * height
        guard channels > 1 else { return pixels }
        var result = [UInt8](repeating: 0, count: plane * channels)
        for channel in 0..<channels {
            for index in 0..<plane { result[channel * plane + index] = pixels[index * channels + channel] }
        }
        return result
    }
}
