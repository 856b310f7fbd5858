import CJPEG
import LatentTensor
import Foundation

/// Reading and writing 8-bit grey and RGB JPEG files through the system's libjpeg.
///
/// Errors in the data, including the warnings libjpeg would otherwise patch over (a truncated file, corrupt
/// entropy-coded data), throw a `DataError`; they never end the process.
public enum JPEG {
    /// The JPEG encoding of `image` at `quality` (1...100, libjpeg's scale; 75 is its default), baseline,
    /// with 4:2:0 chroma subsampling for RGB.
    public static func encode(_ image: Image, quality: Int = 90) throws -> [UInt8] {
        guard (1...100).contains(quality) else { throw DataError("JPEG encoding: quality must be in 1...100, got \(quality)") }
        var data: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: Int(CJPEG_MESSAGE_LENGTH))
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            cjpeg_encode(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels),
                         Int32(quality), &data, &size, &message)
        }
        defer { free(data) }
        guard status == 0, let data else { throw DataError("JPEG encoding failed (\(text(message)))") }
        return Array(UnsafeBufferPointer(start: data, count: Int(size)))
    }

    /// Writes `image` as a JPEG file at `path`, atomically (a reader never sees a partial file).
    public static func write(_ image: Image, to path: String, quality: Int = 90) throws {
        try AtomicFile.write(Data(try encode(image, quality: quality)), to: URL(fileURLWithPath: path))
    }

    /// The image that the JPEG bytes hold: grey for greyscale files, RGB for colour ones (CMYK files are refused).
    /// `name` is the file the bytes came from, for error messages.
    public static func decode(_ bytes: [UInt8], name: String = "JPEG data") throws -> Image {
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
        var message = [CChar](repeating: 0, count: Int(CJPEG_MESSAGE_LENGTH))
        let status = bytes.withUnsafeBufferPointer { data in
            cjpeg_decode(data.baseAddress, UInt(data.count), &pixels, &width, &height, &channels, &message)
        }
        defer { free(pixels) }
        guard status == 0, let pixels else {
            throw DataError(file: name, "not a readable JPEG file (\(text(message)))")
        }
        let count = Int(width) * Int(height) * Int(channels)
        return Image(width: Int(width), height: Int(height), channels: Int(channels),
                     pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// The image in the JPEG file at `path`.
    public static func read(_ path: String) throws -> Image {
        try decode(FileBytes.read(path), name: path)
    }

    /// Whether `bytes` start with the JPEG start-of-image marker.
    public static func isJPEG(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
    }

    /// The text of a NUL-terminated C message buffer.
    private static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
