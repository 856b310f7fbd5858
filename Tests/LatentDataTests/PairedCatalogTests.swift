import Foundation
import LatentData
import LatentTestSupport
import Testing

// The paired data sets of the catalog: `paired` (side by side, split folders), `paired-folders` (A/ and B/ per
// split), the direction and image size they load with, and clear errors.

@Suite struct PairedCatalogTests {
    /// Writes a grey PNG of `width`×`height` whose every pixel is `value`.
    private func write(_ url: URL, width: Int, height: Int, value: UInt8) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(PNG.encode(Image(width: width, height: height, channels: 1, value: value))).write(to: url)
    }

    /// Writes side-by-side pairs into `folder`: A of value `a`, B of value `b`, each 2×2.
    private func writePair(_ folder: URL, name: String, a: UInt8, b: UInt8) throws {
        let pixels = (0..<8).map { $0 % 4 < 2 ? a : b }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(PNG.encode(Image(width: 4, height: 2, channels: 1, pixels: pixels))).write(to: folder.appendingPathComponent(name))
    }

    @Test func sideBySideSplitsComeFromTrainAndTestOrVal() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try writePair(root.appendingPathComponent("train"), name: "1.png", a: 10, b: 20)
        try writePair(root.appendingPathComponent("val"), name: "1.png", a: 30, b: 40)
        let catalog = DatasetCatalog(bundledDataDirectory: root.path, cacheDirectory: root.path)
        let train = try #require(try catalog.load("paired", split: .train, dataDirectory: root.path).images)
        #expect(train.imageShape == [2, 2, 2] && train.pixels == [10, 10, 10, 10, 20, 20, 20, 20])
        let val = try #require(try catalog.load("paired", split: .test, dataDirectory: root.path, direction: .bToA).images)
        #expect(val.pixels == [40, 40, 40, 40, 30, 30, 30, 30])
        try writePair(root.appendingPathComponent("test"), name: "1.png", a: 50, b: 60)
        let test = try #require(try catalog.load("paired", split: .test, dataDirectory: root.path).images)
        #expect(test.pixels.first == 50)
        // Resized at load: each half on its own, 2×2 → 4×4 of the same value.
        let large = try #require(try catalog.load("paired", split: .train, dataDirectory: root.path, imageSize: 4).images)
        #expect(large.imageShape == [2, 4, 4] && large.pixels == [UInt8](repeating: 10, count: 16) + [UInt8](repeating: 20, count: 16))
    }

    @Test func aFlatFolderIsTheTrainingSplitAlone() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try writePair(root, name: "1.png", a: 1, b: 2)
        let catalog = DatasetCatalog(bundledDataDirectory: root.path, cacheDirectory: root.path)
        #expect(try catalog.load("paired", split: .train, dataDirectory: root.path).images?.count == 1)
        expectError(containing: [root.path, "no test/ or val/ folder"]) { _ = try catalog.load("paired", split: .test, dataDirectory: root.path) }
        expectError(containing: ["paired", "--data-dir"]) { _ = try catalog.load("paired", split: .train) }
    }

    @Test func matchedFoldersPairByNameInEitherDirection() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (split, offset) in [("train", 0), ("test", 100)] as [(String, UInt8)] {
            try write(root.appendingPathComponent("\(split)/A/x.png"), width: 2, height: 2, value: offset + 1)
            try write(root.appendingPathComponent("\(split)/B/x.png"), width: 2, height: 2, value: offset + 2)
        }
        let catalog = DatasetCatalog(bundledDataDirectory: root.path, cacheDirectory: root.path)
        let train = try #require(try catalog.load("paired-folders", split: .train, dataDirectory: root.path).images)
        #expect(train.pixels == [1, 1, 1, 1, 2, 2, 2, 2])
        let test = try #require(try catalog.load("paired-folders", split: .test, dataDirectory: root.path, direction: .bToA).images)
        #expect(test.pixels == [102, 102, 102, 102, 101, 101, 101, 101])
        try FileManager.default.removeItem(at: root.appendingPathComponent("train/B"))
        expectError(containing: [root.appendingPathComponent("train").path, "no B/ folder"]) {
            _ = try catalog.load("paired-folders", split: .train, dataDirectory: root.path)
        }
    }

    @Test func matchedFoldersOfDifferentChannelsAreNamed() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(root.appendingPathComponent("A/x.png"), width: 2, height: 2, value: 1)
        let b = root.appendingPathComponent("B/x.png")
        try FileManager.default.createDirectory(at: b.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(PNG.encode(Image(width: 2, height: 2, channels: 3, value: 9))).write(to: b)
        expectError(containing: [b.path, "3 channels", "have 1"]) {
            _ = try PairedImages.matched(sources: root.appendingPathComponent("A").path, targets: root.appendingPathComponent("B").path)
        }
        let converted = try PairedImages.matched(sources: root.appendingPathComponent("A").path, targets: root.appendingPathComponent("B").path, channels: 3)
        #expect(converted.channels == 6)
    }

    @Test func theDownloadedPix2PixSetsLoadFromTheCache() throws {
        let cache = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        try writePair(cache.appendingPathComponent("facades/train"), name: "1.png", a: 5, b: 6)
        try writePair(cache.appendingPathComponent("edges2shoes/val"), name: "1.png", a: 7, b: 8)
        let catalog = DatasetCatalog(bundledDataDirectory: cache.appendingPathComponent("none").path, cacheDirectory: cache.path)
        #expect(try catalog.load("facades", split: .train).images?.pixels.first == 5)
        #expect(try catalog.load("edges2shoes", split: .test).images?.pixels.first == 7)
    }

    @Test func directionAndSizeAreCheckedAgainstTheDataSet() throws {
        let catalog = DatasetCatalog()
        expectError(containing: ["\"mnist\" is not paired", "AtoB or BtoA"]) { _ = try catalog.load("mnist", split: .test, direction: .bToA) }
        expectError(containing: ["2-D points", "image size"]) { _ = try catalog.load("swiss-roll", split: .test, imageSize: 8) }
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(root.appendingPathComponent("1.png"), width: 4, height: 2, value: 9)
        let folder = try #require(try catalog.load("folder", split: .train, dataDirectory: root.path, imageSize: 3).images)
        #expect(folder.imageShape == [1, 3, 3] && folder.pixels == [UInt8](repeating: 9, count: 9))
    }
}
