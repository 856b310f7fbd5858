import Foundation
import LatentData
import Testing

@Suite struct JPEGTests {
    /// A smooth RGB gradient, which JPEG reproduces closely.
    static func gradient(width: Int = 16, height: Int = 8) -> Image {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels += [UInt8(x * 8), UInt8(y * 16), 128] }
        }
        return Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    @Test func colourAndGreyRoundTripClosely() throws {
        let colour = Self.gradient()
        let bytes = try JPEG.encode(colour, quality: 95)
        #expect(JPEG.isJPEG(bytes) && !PNG.isPNG(bytes))
        let decoded = try JPEG.decode(bytes)
        #expect(decoded.width == 16 && decoded.height == 8 && decoded.channels == 3)
        let largest = zip(decoded.pixels, colour.pixels).map { abs(Int($0) - Int($1)) }.max()!
        #expect(largest <= 12)

        let grey = Image(width: 5, height: 3, channels: 1, pixels: (0..<15).map { UInt8($0 * 17) })
        let greyDecoded = try JPEG.decode(try JPEG.encode(grey, quality: 100))
        #expect(greyDecoded.channels == 1 && greyDecoded.width == 5 && greyDecoded.height == 3)
        #expect(zip(greyDecoded.pixels, grey.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 4 })
    }

    @Test func decodingMatchesPillow() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let json = try Data(contentsOf: fixtures.appendingPathComponent("jpeg_pixels.json"))
        let expected = try JSONDecoder().decode([String: DecodedImage].self, from: json)
        #expect(expected.count == 2)
        for (name, reference) in expected {
            let image = try JPEG.read(fixtures.appendingPathComponent(name).path)
            #expect(image.width == reference.width && image.height == reference.height && image.channels == reference.channels)
            // Both use libjpeg-turbo's default (islow) inverse DCT and fancy upsampling; builds may round the last bit apart.
            let largest = zip(image.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.max()
            #expect(image.pixels.count == reference.pixels.count && largest.map { $0 <= 1 } == true, "\(name)")
        }
    }

    /// Pillow's decoding of a fixture file.
    struct DecodedImage: Decodable {
        let width: Int, height: Int, channels: Int
        let pixels: [UInt8]
    }

    @Test func corruptDataThrowsInsteadOfExiting() throws {
        let bytes = try JPEG.encode(Self.gradient(), quality: 90)
        // Cut inside the entropy-coded data: libjpeg warns of a premature end, which is an error here.
        let truncated = Array(bytes.prefix(bytes.count - 40))
        let message = dataErrorMessage { _ = try JPEG.decode(truncated, name: "cut.jpg") }
        #expect(message?.hasPrefix("cut.jpg: not a readable JPEG file (") == true)
        // Not JPEG at all.
        #expect(dataErrorMessage { _ = try JPEG.decode([1, 2, 3, 4], name: "junk.jpg") }?
            .hasPrefix("junk.jpg: not a readable JPEG file (Not a JPEG file") == true)
        #expect(dataErrorMessage { _ = try JPEG.decode([], name: "empty.jpg") }?.hasPrefix("empty.jpg: not a readable JPEG file (") == true)
        // A valid header followed by garbage.
        var garbled = bytes
        for index in (bytes.count / 2)..<(bytes.count - 2) { garbled[index] = UInt8(truncatingIfNeeded: index &* 37) }
        #expect(dataErrorMessage { _ = try JPEG.decode(garbled, name: "garbled.jpg") }?.hasPrefix("garbled.jpg: ") == true)
    }

    /// The size in the header is checked before libjpeg starts decompressing: for a progressive file that start
    /// allocates coefficients for the whole image, 5.4 GB for these 30,000 × 30,000 pixels.
    @Test func aJPEGAnnouncingTooManyPixelsIsRefusedBeforeDecompressing() throws {
        let seed = TestFiles.packageRoot + "/Fuzz/Corpus/jpeg/progressive.jpg"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: seed)))
        // The progressive frame header: marker FF C2, length (2 bytes), precision (1), height (2), width (2).
        let frame = try #require((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC2 })
        bytes.replaceSubrange((frame + 5)..<(frame + 9), with: [0x75, 0x30, 0x75, 0x30])
        #expect(dataErrorMessage { _ = try JPEG.decode(bytes, name: "huge.jpg") }
            == "huge.jpg: not a readable JPEG file (image of 30000x30000 pixels is too large (at most 1073741824 bytes))")
    }

    /// A valid progressive file of 316 scans (written by Scripts/make_fuzz_corpus.py): each scan is a pass over the
    /// whole image, so their number is bounded.
    @Test func aJPEGOfMoreProgressiveScansThanTheLimitIsRefused() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestFiles.packageRoot + "/Fuzz/Regressions/jpeg/too-many-scans.jpg")))
        #expect(dataErrorMessage { _ = try JPEG.decode(bytes, name: "scans.jpg") }
            == "scans.jpg: not a readable JPEG file (more than 256 progressive scans)")
    }

    @Test func qualityOutsideItsRangeIsRefused() {
        #expect(dataErrorMessage { _ = try JPEG.encode(Self.gradient(), quality: 0) }
            == "JPEG encoding: quality must be in 1...100, got 0")
    }

    @Test func channelConversionFollowsTheLumaTransform() {
        let colour = Image(width: 2, height: 1, channels: 3, pixels: [255, 0, 0, 10, 200, 30])
        let grey = colour.converted(toChannels: 1)
        // 0.299 * 255 = 76.2; 0.299 * 10 + 0.587 * 200 + 0.114 * 30 = 123.81.
        #expect(grey.pixels == [76, 124])
        let back = grey.converted(toChannels: 3)
        #expect(back.pixels == [76, 76, 76, 124, 124, 124])
        #expect(colour.planarPixels == [255, 10, 0, 200, 0, 30])
    }
}
