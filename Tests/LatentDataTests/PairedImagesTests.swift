import Foundation
import LatentData
import LatentTestSupport
import Testing

// Paired images: pix2pix's side-by-side files in either direction and two folders matched by name, with clear errors
// naming the file for a missing partner, mixed sizes and a corrupt image.

@Suite struct PairedImagesTests {
    /// Writes a grey PNG of `width`×`height` whose pixel (row, column) is `value(row, column)`.
    private func write(_ url: URL, width: Int, height: Int, _ value: (Int, Int) -> Int) throws {
        let pixels = (0..<(width * height)).map { UInt8(value($0 / width, $0 % width)) }
        try Data(PNG.encode(Image(width: width, height: height, channels: 1, pixels: pixels))).write(to: url)
    }

    @Test func sideBySideSplitsEachImageIntoSourceAndTargetChannels() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Left half 10 + row, right half 100 + column.
        try write(root.appendingPathComponent("1.png"), width: 4, height: 2) { row, column in column < 2 ? 10 + row : 100 + column }
        let pairs = try PairedImages.sideBySide(root.path)
        #expect(pairs.imageShape == [2, 2, 2] && pairs.count == 1)
        #expect(pairs.pixels == [10, 10, 11, 11, 102, 103, 102, 103])
        let swapped = try PairedImages.sideBySide(root.path, direction: .bToA)
        #expect(swapped.pixels == [102, 103, 102, 103, 10, 10, 11, 11])
    }

    @Test func matchedFoldersStackTheImagesOfTheSameName() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("A"), b = root.appendingPathComponent("B")
        for folder in [a, b] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for (index, name) in ["x.png", "y.png"].enumerated() {
            try write(a.appendingPathComponent(name), width: 2, height: 1) { _, _ in index }
            try write(b.appendingPathComponent(name), width: 2, height: 1) { _, _ in 50 + index }
        }
        let pairs = try PairedImages.matched(sources: a.path, targets: b.path)
        #expect(pairs.imageShape == [2, 1, 2] && pairs.pixels == [0, 0, 50, 50, 1, 1, 51, 51])

        try write(b.appendingPathComponent("z.png"), width: 2, height: 1) { _, _ in 0 }
        expectError(containing: [b.appendingPathComponent("z.png").path, "has no source"]) {
            _ = try PairedImages.matched(sources: a.path, targets: b.path)
        }
        try FileManager.default.removeItem(at: b.appendingPathComponent("z.png"))
        for name in ["x.png", "y.png"] { try write(b.appendingPathComponent(name), width: 3, height: 1) { _, _ in 0 } }
        expectError(containing: [b.appendingPathComponent("x.png").path, "must share one size"]) {
            _ = try PairedImages.matched(sources: a.path, targets: b.path)
        }
    }

    @Test func badFilesAreNamed() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(root.appendingPathComponent("odd.png"), width: 3, height: 2) { _, _ in 0 }
        expectError(containing: [root.appendingPathComponent("odd.png").path, "even width"]) { _ = try PairedImages.sideBySide(root.path) }
        try write(root.appendingPathComponent("odd.png"), width: 4, height: 2) { _, _ in 0 }
        try write(root.appendingPathComponent("other.png"), width: 6, height: 2) { _, _ in 0 }
        expectError(containing: [root.appendingPathComponent("other.png").path, "share one size"]) { _ = try PairedImages.sideBySide(root.path) }
        try Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).write(to: root.appendingPathComponent("other.png"))
        expectError(containing: [root.appendingPathComponent("other.png").path]) { _ = try PairedImages.sideBySide(root.path) }
    }
}
