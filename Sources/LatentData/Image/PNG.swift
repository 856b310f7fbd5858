import CPNG
import LatentTensor
import Foundation

/// Reading and writing 8-bit grey and RGB PNG files through the system's libpng.
public enum PNG {
    /// The PNG encoding of `image`.
    public static func encode(_ image: Image) throws -> [UInt8] {
        var header = makeHeader(width: image.width, height: image.height, channels: image.channels)
        let stride = Int32(image.width * image.channels)
        var size = 0
        try image.pixels.withUnsafeBytes { pixels in
            guard png_image_write_to_memory(&header, nil, &size, 0, pixels.baseAddress, stride, nil) != 0 else {
                throw DataError("PNG encoding failed (\(message(of: header)))")
            }
        }
        var bytes = [UInt8](repeating: 0, count: size)
        try image.pixels.withUnsafeBytes { pixels in
            try bytes.withUnsafeMutableBytes { output in
                guard png_image_write_to_memory(&header, output.baseAddress, &size, 0, pixels.baseAddress, stride, nil) != 0
                else { throw DataError("PNG encoding failed (\(message(of: header)))") }
            }
        }
        return Array(bytes.prefix(size))
    }

    /// Writes `image` as a PNG file at `path`, atomically (a reader never sees a partial file).
    public static func write(_ image: Image, to path: String) throws {
        try AtomicFile.write(Data(try encode(image)), to: URL(fileURLWithPath: path))
    }

    /// The image that the PNG bytes hold, as grey when the file has no colour and as RGB otherwise
    /// (16-bit samples are reduced to 8 bits, palettes expanded, transparency composited onto black).
    /// `name` is the file the bytes came from, for error messages.
    public static func decode(_ bytes: [UInt8], name: String = "PNG data") throws -> Image {
        var header = makeHeader(width: 0, height: 0, channels: 1)
        defer { png_image_free(&header) }
        let began = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&header, $0.baseAddress, $0.count) }
        guard began != 0 else {
            throw DataError(file: name, "not a readable PNG file (\(message(of: header)))")
        }
        let channels = header.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 3 : 1
        header.format = channels == 3 ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)
        let (width, height) = (Int(header.width), Int(header.height))
        guard width * height <= 1 << 28 else {
            throw DataError(file: name, "PNG of \(width)×\(height) pixels is too large (at most 2^28 pixels)")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(&header, nil, $0.baseAddress, Int32(width * channels), nil)
        }
        guard finished != 0 else {
            throw DataError(file: name, "corrupt PNG data (\(message(of: header)))")
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// The image in the PNG file at `path`.
    public static func read(_ path: String) throws -> Image {
        try decode(FileBytes.read(path), name: path)
    }

    /// Whether `bytes` start with the eight-byte PNG signature.
    public static func isPNG(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    /// A libpng image header for 8-bit pixels of the given size and channels.
    private static func makeHeader(width: Int, height: Int, channels: Int) -> png_image {
        var header = png_image()
        header.version = UInt32(PNG_IMAGE_VERSION)
        header.width = UInt32(width)
        header.height = UInt32(height)
        header.format = channels == 3 ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)
        return header
    }

    /// libpng's message about the last failure on `header`.
    private static func message(of header: png_image) -> String {
        var copy = header.message
        return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
