import Foundation
import LatentData
import Testing

@Suite struct ImageFolderTests {
    /// An RGB image whose every pixel is (`value`, `value` + 1, `value` + 2).
    static func colour(_ value: UInt8, width: Int = 4, height: Int = 3) -> Image {
        Image(width: width, height: height, channels: 3,
              pixels: (0..<(width * height)).flatMap { _ in [value, value + 1, value + 2] })
    }

    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @Test func classFoldersGiveSortedLabels() throws {
        let root = try TestFiles.makeDirectory()
        defer { TestFiles.remove(root) }
        for name in ["zebra", "ant", "ant/nested"] { try Self.makeFolder(root + "/" + name) }
        try PNG.write(Self.colour(10), to: root + "/zebra/b.png")
        try PNG.write(Self.colour(20), to: root + "/zebra/a.PNG")
        try PNG.write(Self.colour(30), to: root + "/ant/nested/c.png")
        try JPEG.write(Self.colour(40), to: root + "/ant/d.jpg", quality: 100)
        try TestFiles.write(Array("not an image".utf8), to: root + "/ant/notes.txt")
        try TestFiles.write([0], to: root + "/ant/.hidden.png")

        let folder = try ImageFolder.load(root)
        #expect(folder.classNames == ["ant", "zebra"])
        #expect(folder.files == [root + "/ant/d.jpg", root + "/ant/nested/c.png", root + "/zebra/a.PNG", root + "/zebra/b.png"])
        #expect(folder.dataset.labels == [0, 0, 1, 1])
        #expect(folder.dataset.imageShape == [3, 3, 4])
        // Planar layout: image 1 (c.png) has 12 red values of 30, then 12 green of 31.
        let image1 = Array(folder.dataset.pixels[36..<72])
        #expect(image1 == Array(repeating: 30, count: 12) + Array(repeating: 31, count: 12) + Array(repeating: 32, count: 12))
        // The JPEG decodes close to its flat colour.
        #expect(folder.dataset.pixels[0..<12].allSatisfy { abs(Int($0) - 40) <= 2 })
    }

    @Test func flatFolderIsOneUnnamedClassAndConvertsChannels() throws {
        let root = try TestFiles.makeDirectory()
        defer { TestFiles.remove(root) }
        try PNG.write(Image(width: 4, height: 3, channels: 1, value: 200), to: root + "/grey.png")
        try PNG.write(Self.colour(100), to: root + "/rgb.png")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) } == """
            \(root)/rgb.png: is RGB (3 channels), but the first image (\(root)/grey.png) is grey (1 channel); \
            ask for 1 or 3 channels to convert every image
            """)
        let rgb = try ImageFolder.load(root, channels: 3)
        #expect(rgb.classNames.isEmpty && rgb.dataset.labels == [0, 0] && rgb.dataset.imageShape == [3, 3, 4])
        #expect(rgb.dataset.pixels[0] == 200 && rgb.dataset.pixels[36 + 12] == 101)
        let grey = try ImageFolder.load(root, channels: 1)
        // 0.299 · 100 + 0.587 · 101 + 0.114 · 102 = 100.815.
        #expect(grey.dataset.imageShape == [1, 3, 4] && grey.dataset.pixels[12] == 101)
    }

    /// Resizing each image as it is read gives the values of resizing the loaded data set, for a folder and for
    /// CelebA, shrinking and enlarging.
    @Test func imagesResizedAsTheyAreReadMatchTheResizedDataSet() throws {
        let root = try TestFiles.makeDirectory()
        for i in 0..<3 {
            let pixels = (0..<(10 * 8 * 3)).map { UInt8(truncatingIfNeeded: $0 * 13 + i * 71) }
            try PNG.write(Image(width: 10, height: 8, channels: 3, pixels: pixels), to: root + "/\(i).png")
        }
        for side in [4, 12] {
            let whole = try ImageFolder.load(root).dataset.resized(height: side, width: side)
            let onRead = try ImageFolder.load(root, side: side).dataset
            #expect(Self.same(onRead, whole) && onRead.height == side && onRead.width == side)
            let catalog = try #require(try DatasetCatalog().load("folder", split: .train, dataDirectory: root, imageSize: side).images)
            #expect(Self.same(catalog, whole))
        }
        #expect(throws: DataError.self) { try ImageFolder.load(root, side: 0) }

        let celeba = try STL10AndCelebATests.celebaFolder(partition: STL10AndCelebATests.partition, attributes: STL10AndCelebATests.attributes)
        let resized = try CelebA.load(.train, from: celeba).resized(height: 5, width: 5)
        #expect(Self.same(try CelebA.load(.train, from: celeba, side: 5), resized))
    }

    /// Whether two data sets hold the same images, labels and attributes in the same shape.
    static func same(_ a: ImageDataset, _ b: ImageDataset) -> Bool {
        a.pixels == b.pixels && a.labels == b.labels && a.attributes == b.attributes
            && [a.channels, a.height, a.width] == [b.channels, b.height, b.width]
    }

    @Test func mixedSizesAreRefusedNamingTheFile() throws {
        let root = try TestFiles.makeDirectory()
        defer { TestFiles.remove(root) }
        try PNG.write(Self.colour(1), to: root + "/a.png")
        try JPEG.write(Self.colour(1, width: 5, height: 3), to: root + "/b.jpeg")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) } == """
            \(root)/b.jpeg: is 5×3 pixels, but the first image (\(root)/a.png) is 4×3; all images must share one size
            """)
    }

    @Test func emptyFoldersAndCorruptFilesAreErrors() throws {
        let root = try TestFiles.makeDirectory()
        defer { TestFiles.remove(root) }
        try TestFiles.write(Array("readme".utf8), to: root + "/README.txt")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) }
            == "\(root): holds no PNG or JPEG files (looked for .png, .jpg and .jpeg)")
        try Self.makeFolder(root + "/cats")
        try Self.makeFolder(root + "/dogs")
        try PNG.write(Self.colour(1), to: root + "/cats/1.png")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) }
            == "\(root)/dogs: class folder \"dogs\" holds no PNG or JPEG files")
        let jpeg = try JPEG.encode(Self.colour(9))
        try TestFiles.write(Array(jpeg.prefix(jpeg.count / 2)), to: root + "/dogs/cut.jpg")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) }?.hasPrefix("\(root)/dogs/cut.jpg: not a readable JPEG file (") == true)
        try TestFiles.write(Array("plain text".utf8), to: root + "/dogs/cut.jpg")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) } == """
            \(root)/dogs/cut.jpg: neither a PNG nor a JPEG file (it does not start with either's signature)
            """)
        try PNG.write(Self.colour(1), to: root + "/stray.png")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root) } == """
            \(root): holds both class folders (cats, dogs) and images (stray.png); move the images into class folders
            """)
        #expect(dataErrorMessage { _ = try ImageFolder.load(root + "/nothing") }
            == "\(root)/nothing: directory not found (expected it to hold PNG or JPEG images)")
        #expect(dataErrorMessage { _ = try ImageFolder.load(root, channels: 2) }
            == "image folder: channels must be 1 (grey) or 3 (RGB), got 2")
    }
}
