import Foundation
import LatentData
import Testing

// CycleGAN's unpaired layout (trainA/ trainB/ testA/ testB/), B drawn anew for each sample, and the MNIST
// translation tasks with their known maps.

@Suite struct UnpairedDataTests {
    /// A grey 4×3 image of one value.
    static func grey(_ value: UInt8, width: Int = 4) -> Image { Image(width: width, height: 3, channels: 1, value: value) }

    /// A data set folder with `a` images in trainA and `b` in trainB (values 10, 11, … and 100, 101, …).
    static func makeUnpaired(a: Int, b: Int) throws -> String {
        let root = try TestFiles.makeDirectory()
        for folder in ["trainA", "trainB", "testA", "testB"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for i in 0..<a { try PNG.write(grey(UInt8(10 + i)), to: root + "/trainA/\(i).png") }
        for i in 0..<b { try PNG.write(grey(UInt8(100 + i)), to: root + "/trainB/\(i).png") }
        try PNG.write(grey(1), to: root + "/testA/0.png")
        try PNG.write(grey(2), to: root + "/testB/0.png")
        return root
    }

    @Test func domainsSitSideBySideAndTheShorterRepeats() throws {
        let root = try Self.makeUnpaired(a: 3, b: 2)
        defer { TestFiles.remove(root) }
        let train = try UnpairedFolder.load(root, split: .train)
        #expect(train.count == 3 && train.imageShape == [2, 3, 4] && train.domainBChannel == 1)
        let firstPixels = (0..<3).map { i in [train.pixels[i * 24], train.pixels[i * 24 + 12]] }
        #expect(firstPixels == [[10, 100], [11, 101], [12, 100]])
        let test = try UnpairedFolder.load(root, split: .test, channels: 3)
        #expect(test.imageShape == [6, 3, 4] && test.domainBChannel == 3)
    }

    @Test func aMissingFolderACorruptImageAndMixedSizesAreNamed() throws {
        let root = try Self.makeUnpaired(a: 2, b: 2)
        defer { TestFiles.remove(root) }
        try FileManager.default.removeItem(atPath: root + "/testB")
        #expect(dataErrorMessage { _ = try UnpairedFolder.load(root, split: .test) }?.hasPrefix(root + "/testB: is missing") == true)
        try TestFiles.write(Array("not a png".utf8), to: root + "/trainB/9.png")
        #expect(dataErrorMessage { _ = try UnpairedFolder.load(root, split: .train) }?.contains(root + "/trainB/9.png") == true)
        try FileManager.default.removeItem(atPath: root + "/trainB/9.png")
        try PNG.write(Self.grey(7, width: 5), to: root + "/trainA/5.png")
        let mixed = dataErrorMessage { _ = try UnpairedFolder.load(root, split: .train) }
        #expect(mixed?.hasPrefix(root + "/trainA/5.png: is 5×3 pixels") == true)
        try FileManager.default.removeItem(atPath: root + "/trainA")
        try FileManager.default.createDirectory(atPath: root + "/trainA", withIntermediateDirectories: true)
        for i in 0..<2 { try PNG.write(Self.grey(9, width: 6), to: root + "/trainA/\(i).png") }
        #expect(dataErrorMessage { _ = try UnpairedFolder.load(root, split: .train) } == """
            \(root)/trainB: holds 4×3 images, but \(root)/trainA holds 6×3 ones; both domains must share one size
            """)
    }

    @Test func theLoaderKeepsEachAAndDrawsItsBAnewEachEpoch() throws {
        let a = ImageDataset(pixels: (0..<200).map { UInt8($0) }, labels: Array(repeating: 0, count: 200), channels: 1, height: 1, width: 1)
        let b = ImageDataset(pixels: (0..<200).map { _ in 0 }, labels: Array(repeating: 0, count: 200), channels: 1, height: 1, width: 1)
        var pairs = UnpairedFolder.pair(a, b).pixels
        for i in 0..<200 { pairs[2 * i + 1] = UInt8(i) }   // B number i holds i, as A number i does.
        let unpaired = ImageDataset(pixels: pairs, labels: Array(repeating: 0, count: 200), channels: 2, height: 1, width: 1, domainBChannel: 1)
        let loader = try DataLoader(unpaired, batchSize: 200, scaling: .zeroToOne, seed: 5)
        let epochs = (0..<2).map { loader.batch(epoch: $0, index: 0).inputs.values }
        func stored(_ values: [Float], channel: Int) -> [Int] {
            (0..<200).map { (row: Int) -> Int in Int((values[2 * row + channel] * 255).rounded()) }
        }
        for values in epochs { #expect(stored(values, channel: 0) == Array(0..<200)) }
        let partners = epochs.map { stored($0, channel: 1) }
        #expect(partners[0] != partners[1])
        let kept = zip(partners[0], 0..<200).filter { pair in pair.0 == pair.1 }.count
        #expect(kept < 10)   // not the stored pairing
        #expect(loader.batch(epoch: 1, index: 0).inputs.values == epochs[1])   // a function of the seed and epoch
    }

    @Test func mnistTasksMapEachDigitAsTheirGroundTruthSays() {
        // A 3×3 digit with one bright pixel in the middle and one in a corner.
        let digit: [UInt8] = [0, 0, 9, 0, 200, 0, 0, 0, 0]
        #expect(MNISTTranslation.inverse.map(digit, height: 3, width: 3) == digit.map { 255 - $0 })
        #expect(MNISTTranslation.thick.map(digit, height: 3, width: 3) == [200, 200, 200, 200, 200, 200, 200, 200, 200])
        let corner: [UInt8] = [7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(MNISTTranslation.thick.map(corner, height: 4, width: 4) == [7, 7, 0, 0, 7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let digits = ImageDataset(pixels: (0..<36).map { UInt8($0) }, labels: [3, 1, 4, 1], channels: 1, height: 3, width: 3)
        let train = MNISTTranslation.inverse.dataset(.train, digits: digits)
        #expect(train.count == 2 && train.labels == [3, 1] && train.domainBChannel == 1)
        // Training A comes from the first half, B from the second half; test B is each digit's own map.
        #expect(Array(train.pixels[0..<9]) == (0..<9).map { UInt8($0) } && Array(train.pixels[9..<18]) == (18..<27).map { 255 - UInt8($0) })
        let test = MNISTTranslation.inverse.dataset(.test, digits: digits)
        #expect(test.count == 4 && Array(test.pixels[27..<36]) == (9..<18).map { 255 - UInt8($0) })
    }

    @Test func theCatalogLoadsTheTasksFromMNISTsFiles() throws {
        let catalog = DatasetCatalog()
        guard case .images(let test, let names) = try catalog.load("mnist-inverse", split: .test) else {
            Issue.record("mnist-inverse is not an image data set")
            return
        }
        #expect(test.count == 10_000 && test.imageShape == [2, 28, 28] && names.count == 10)
    }
}
