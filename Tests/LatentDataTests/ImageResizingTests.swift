import Foundation
import LatentData
import LatentTestSupport
import Testing

// `ImageDataset.resized`: PyTorch's area and bilinear interpolation (fixtures by Scripts/make_resize_fixtures.py),
// a hand-computed case, and clear errors for sizes out of range.

@Suite struct ImageResizingTests {
    /// One case of the PyTorch fixture file.
    private struct Reference: Decodable {
        let name: String
        let count: Int
        let channels: Int
        let height: Int
        let width: Int
        let pixels: [UInt8]
        let out_height: Int
        let out_width: Int
        let expected: [UInt8]
    }

    @Test func resizingMatchesPyTorchsAreaAndBilinearInterpolation() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let cases = try JSONDecoder().decode([Reference].self, from: Data(contentsOf: fixtures.appendingPathComponent("resize_torch.json")))
        #expect(cases.count == 5)
        for reference in cases {
            let images = ImageDataset(pixels: reference.pixels, labels: Array(0..<reference.count), channels: reference.channels,
                                      height: reference.height, width: reference.width)
            let resized = try images.resized(height: reference.out_height, width: reference.out_width)
            #expect(resized.imageShape == [reference.channels, reference.out_height, reference.out_width], "\(reference.name)")
            #expect(resized.pixels == reference.expected, "\(reference.name)")
            #expect(resized.labels == images.labels)
        }
    }

    @Test func areaAveragesAndRoundsTiesToEven() throws {
        // 1×4 → 1×2: (2 + 3) / 2 = 2.5 → 2 and (5 + 6) / 2 = 5.5 → 6 (ties to even); 2×1 → 1×1 averages the column.
        let row = ImageDataset(pixels: [2, 3, 5, 6], labels: [0], channels: 1, height: 1, width: 4)
        #expect(try row.resized(height: 1, width: 2).pixels == [2, 6])
        let pair = ImageDataset(pixels: [3, 8, 9, 10], labels: [0, 0], channels: 1, height: 2, width: 1)
        #expect(try pair.resized(height: 1, width: 1).pixels == [6, 10])
        // 1×2 → 1×4 bilinear: positions −0.25 → 0 (clamped), 0.25, 0.75, 1.25 → 1 (clamped): 0, 25, 75, 100.
        let ramp = ImageDataset(pixels: [0, 100], labels: [0], channels: 1, height: 1, width: 2)
        #expect(try ramp.resized(height: 1, width: 4).pixels == [0, 25, 75, 100])
    }

    @Test func unpairedDataKeepsItsSecondDomain() throws {
        let images = ImageDataset(pixels: [UInt8](repeating: 7, count: 2 * 2 * 4 * 4), labels: [0, 1], channels: 2, height: 4, width: 4,
                                  domainBChannel: 1)
        let resized = try images.resized(height: 2, width: 2)
        #expect(resized.domainBChannel == 1 && resized.pixels == [UInt8](repeating: 7, count: 2 * 2 * 2 * 2))
    }

    @Test func attributesStayWithTheirImages() throws {
        let attributes = ImageAttributes(names: ["Smiling", "Young"], values: [1, 0, 0, 1])
        let images = ImageDataset(pixels: [UInt8](repeating: 9, count: 2 * 3 * 4 * 4), labels: [0, 0], channels: 3, height: 4, width: 4,
                                  attributes: attributes)
        #expect(try images.resized(height: 8, width: 2).attributes == attributes)
    }

    @Test func sizesOutOfRangeAreNamed() {
        let images = ImageDataset(pixels: [0], labels: [0], channels: 1, height: 1, width: 1)
        expectError(containing: ["height", "between 1 and 4096", "got 0"]) { _ = try images.resized(height: 0, width: 4) }
        expectError(containing: ["width", "got 4097"]) { _ = try images.resized(height: 4, width: 4097) }
    }
}
