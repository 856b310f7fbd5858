import Foundation
import LatentTensor
import Testing

@testable import LatentData

@Test func pngRoundTripsGreyAndRGB() throws {
    let directory = FileManager.default.temporaryDirectory.path + "/latent-png-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for channels in [1, 3] {
        let pixels = (0..<(5 * 7 * channels)).map { UInt8(truncatingIfNeeded: $0 * 37) }
        let image = Image(width: 7, height: 5, channels: channels, pixels: pixels)
        let path = "\(directory)/image\(channels).png"
        try PNG.write(image, to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: length 13, "IHDR", width 7, height 5, bit depth 8, colour type 0 (grey) or 2 (RGB).
        #expect(Array(bytes[8..<16]) == [0, 0, 0, 13] + Array("IHDR".utf8))
        #expect(Array(bytes[16..<26]) == [0, 0, 0, 7, 0, 0, 0, 5, 8, channels == 3 ? 2 : 0])
        #expect(try PNG.read(path) == image)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["image1.png", "image3.png"])
}

@Test func imageTensorConversionRoundTrips() throws {
    let tensor = Tensor([-1, 0, 1, 0.5, -0.5, 2], shape: [3, 1, 2])
    let image = Image(tensor: tensor, range: .minusOneToOne)
    // Pixels interleave the channels: (-1, 1, -0.5) then (0, 0.5, 2).
    #expect(image.pixels == [0, 255, 64, 128, 191, 255])
    let decoded = try PNG.decode(try PNG.encode(image)).tensor()
    #expect(decoded.shape == [3, 1, 2])
    #expect(decoded.values == [0, 128, 255, 191, 64, 255].map { Float($0) / 255 })
}

@Test func corruptPNGGivesClearError() throws {
    let good = try PNG.encode(Image(width: 16, height: 16, channels: 3, value: 77))
    do {
        _ = try PNG.decode(Array("not a png at all".utf8), name: "garbage.png")
        Issue.record("garbage decoded")
    } catch let error as DataError {
        #expect(error.message.hasPrefix("garbage.png: not a readable PNG file"))
    }
    do {
        _ = try PNG.decode(Array(good.prefix(good.count - 20)), name: "truncated.png")
        Issue.record("truncated PNG decoded")
    } catch let error as DataError {
        #expect(error.message.hasPrefix("truncated.png:"))
    }
    var flipped = good
    flipped[40] ^= 0xFF
    #expect(throws: DataError.self) { try PNG.decode(flipped, name: "flipped.png") }
    do {
        _ = try PNG.read("/nonexistent/latent.png")
        Issue.record("missing file read")
    } catch let error as DataError {
        #expect(error.message == "/nonexistent/latent.png: file not found")
    }
}

/// A header announcing more pixels than the limit is refused before the pixels are allocated.
@Test func aPNGAnnouncingTooManyPixelsIsRefused() throws {
    var bytes = try PNG.encode(Image(width: 2, height: 2, channels: 1, value: 9))
    // IHDR's width and height follow the signature (8 bytes), the chunk length and the type (8 bytes).
    bytes.replaceSubrange(16..<24, with: CraftedFiles.bigEndian(20_000) + CraftedFiles.bigEndian(20_000))
    let crc = CraftedFiles.crc32(Array(bytes[12..<29]))
    bytes.replaceSubrange(29..<33, with: CraftedFiles.bigEndian(Int(crc)))
    #expect(dataErrorMessage { _ = try PNG.decode(bytes, name: "huge.png") }
        == "huge.png: PNG of 20000×20000 pixels is too large (at most 2^28 pixels)")
}

/// A link to a device among the images (here /dev/zero, which never ends) is refused, not read without end.
@Test func aLinkToADeviceIsRefusedNotReadForever() throws {
    let folder = try TestFiles.makeDirectory()
    defer { TestFiles.remove(folder) }
    try FileManager.default.createSymbolicLink(atPath: folder + "/zero.png", withDestinationPath: "/dev/zero")
    #expect(dataErrorMessage { _ = try PNG.read(folder + "/zero.png") }
        == "\(folder)/zero.png: expected a regular file, found a device, pipe or socket")
    #expect(dataErrorMessage { _ = try JPEG.read(folder + "/zero.png") }
        == "\(folder)/zero.png: expected a regular file, found a device, pipe or socket")
}
