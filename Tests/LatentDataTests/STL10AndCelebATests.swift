import Foundation
import LatentData
import Testing

/// STL-10's binary files and CelebA's folder and lists, from small fixtures written here.
@Suite struct STL10AndCelebATests {
    /// The byte stored for channel `c`, column `x`, row `y` of image `i` in the fixture.
    static func value(_ i: Int, _ c: Int, _ x: Int, _ y: Int) -> UInt8 {
        UInt8((i * 31 + c * 7 + x * 3 + y * 5) % 256)
    }

    /// `count` images in STL-10's layout: each channel column by column.
    static func imagesFile(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for i in 0..<count { for c in 0..<3 { for x in 0..<96 { for y in 0..<96 { bytes.append(value(i, c, x, y)) } } } }
        return bytes
    }

    @Test func stl10ImagesAreTransposedUprightAndLabelsStartAtZero() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let folder = directory + "/stl10_binary"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try TestFiles.write(Self.imagesFile(count: 3), to: folder + "/train_X.bin")
        try TestFiles.write([1, 10, 5], to: folder + "/train_y.bin")
        try TestFiles.write(Self.imagesFile(count: 2), to: folder + "/unlabeled_X.bin")
        let train = try STL10.load(.train, from: directory, count: 3)
        #expect(train.labels == [0, 9, 4] && train.imageShape == [3, 96, 96])
        // Pixel (row y, column x) of channel c is the byte stored at column x, row y.
        for (i, c, x, y) in [(0, 0, 0, 1), (1, 2, 95, 3), (2, 1, 10, 80)] {
            #expect(train.pixels[i * STL10.imageBytes + c * 9216 + y * 96 + x] == Self.value(i, c, x, y))
        }
        #expect(try STL10.load(.unlabeled, from: directory, count: 2).labels == [0, 0])

        try TestFiles.write([1, 11, 5], to: folder + "/train_y.bin")
        #expect(dataErrorMessage { _ = try STL10.load(.train, from: directory, count: 3) }
            == "\(folder)/train_y.bin: label 11 of image 1 is outside 1...10")
        #expect(dataErrorMessage { _ = try STL10.load(.train, from: directory, count: 4) }
            == "\(folder)/train_X.bin: is 82944 bytes, expected 4 images of 3×96×96 bytes; the file is truncated or not an STL-10 images file")
        #expect(dataErrorMessage { _ = try STL10.load(.test, from: directory, count: 3) } == "\(folder)/test_X.bin: file not found")
    }

    /// Attribute names A1 … A40.
    static let names = (1...40).map { "A\($0)" }

    /// A CelebA folder of four 3×2 JPEG images with the given partition and attributes files' text.
    static func celebaFolder(partition: String, attributes: String) throws -> String {
        let directory = try TestFiles.makeDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/img_align_celeba", withIntermediateDirectories: true)
        for i in 1...4 {
            try JPEG.write(Image(width: 3, height: 2, channels: 3, value: UInt8(i * 40)), to: directory + "/img_align_celeba/00000\(i).jpg")
        }
        try TestFiles.write(Array(partition.utf8), to: directory + "/list_eval_partition.txt")
        try TestFiles.write(Array(attributes.utf8), to: directory + "/list_attr_celeba.txt")
        return directory
    }

    /// The attributes line of image `i`: attribute k is 1 when k is a multiple of i, else −1.
    static func attributeLine(_ i: Int) -> String {
        "00000\(i).jpg " + (1...40).map { $0 % i == 0 ? " 1" : "-1" }.joined(separator: " ")
    }

    static let partition = "000001.jpg 0\n000002.jpg 2\n000003.jpg 1\n000004.jpg 0\n"
    static let attributes = "4\n" + names.joined(separator: " ") + "\n" + (1...4).map(attributeLine).joined(separator: "\n") + "\n"

    @Test func celebaReadsThePartitionWithItsAttributes() throws {
        let directory = try Self.celebaFolder(partition: Self.partition, attributes: Self.attributes)
        defer { TestFiles.remove(directory) }
        let train = try CelebA.load(.train, from: directory)
        #expect(train.count == 2 && train.labels == [0, 0] && train.imageShape == [3, 2, 3])
        let attributes = try #require(train.attributes)
        #expect(attributes.names == Self.names)
        #expect(Array(attributes.row(0)) == Array(repeating: 1, count: 40))
        #expect(Array(attributes.row(1)) == (1...40).map { $0 % 4 == 0 ? 1 : 0 })
        #expect(Array(train.subset([1]).attributes?.row(0) ?? []) == Array(attributes.row(1)))
        let test = try #require(DatasetCatalog().load("celeba", split: .test, dataDirectory: directory).images)
        #expect(test.count == 1 && Array(test.attributes?.row(0) ?? []) == (1...40).map { $0 % 2 == 0 ? 1 : 0 })
        #expect(try CelebA.load(.valid, from: directory).count == 1)
    }

    @Test func celebaBadLinesAreNamedByFileAndLine() throws {
        func message(partition: String = Self.partition, attributes: String = Self.attributes) throws -> String? {
            let directory = try Self.celebaFolder(partition: partition, attributes: attributes)
            defer { TestFiles.remove(directory) }
            return dataErrorMessage { _ = try CelebA.load(.train, from: directory) }?
                .replacingOccurrences(of: directory, with: "DIR")
        }
        #expect(try message(partition: "000001.jpg 0\n000002.jpg 3\n")
            == "DIR/list_eval_partition.txt: line 2: expected a file name and a partition of 0, 1 or 2, found \"000002.jpg 3\"")
        #expect(try message(partition: "000001.jpg 0\n000001.jpg 1\n") == "DIR/list_eval_partition.txt: line 2: 000001.jpg is listed a second time")
        #expect(try message(attributes: Self.attributes.replacingOccurrences(of: "4\n", with: "5\n"))
            == "DIR/list_attr_celeba.txt: line 1 announces 5 images, but 4 lines of attributes follow")
        let zero = Self.attributes.replacingOccurrences(of: "000003.jpg -1", with: "000003.jpg 0")
        #expect(try message(attributes: zero) == "DIR/list_attr_celeba.txt: line 5: attribute value \"0\" is not -1 or 1")
        let short = Self.attributes.replacingOccurrences(of: Self.attributeLine(2), with: "000002.jpg 1 1")
        #expect(try message(attributes: short) == "DIR/list_attr_celeba.txt: line 4: expected a file name and 40 values, found 3 fields")
        let missing = "3\n" + Self.names.joined(separator: " ") + "\n" + [1, 2, 3].map(Self.attributeLine).joined(separator: "\n")
        #expect(try message(attributes: missing) == "DIR/list_attr_celeba.txt: has no line for 000004.jpg, which DIR/list_eval_partition.txt lists")
    }
}
