import Foundation
import LatentData
import Testing

@Suite struct IDXTests {
    let pixels: [UInt8] = Array(0..<24)

    @Test func parsesRawAndGzipFiles() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let images = TestFiles.idxImages(count: 2, rows: 3, columns: 4, pixels: pixels)
        let labels = TestFiles.idxLabels([7, 2])
        try TestFiles.write(images, to: directory + "/images")
        try TestFiles.write(try TestFiles.gzip(images), to: directory + "/images.gz")
        try TestFiles.write(try TestFiles.gzip(labels), to: directory + "/labels.gz")
        for name in ["images", "images.gz"] {
            let parsed = try IDX.readImages(at: directory + "/" + name)
            #expect(parsed.count == 2 && parsed.rows == 3 && parsed.columns == 4)
            #expect(parsed.pixels == pixels)
        }
        #expect(try IDX.readLabels(at: directory + "/labels.gz") == [7, 2])
    }

    @Test func concatenatedGzipMembersAreJoined() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let images = TestFiles.idxImages(count: 2, rows: 3, columns: 4, pixels: pixels)
        let split = 10
        let joined = try TestFiles.gzip(Array(images[..<split])) + TestFiles.gzip(Array(images[split...]))
        try TestFiles.write(joined, to: directory + "/images.gz")
        #expect(try IDX.readImages(at: directory + "/images.gz").pixels == pixels)
    }

    @Test func wrongMagicNamesBothNumbers() {
        let labels = TestFiles.idxLabels([1, 2])
        let message = dataErrorMessage { _ = try IDX.parseImages(labels, name: "train-images-idx3-ubyte.gz") }
        #expect(message == "train-images-idx3-ubyte.gz: expected magic 2051 (IDX images), found 2049 (IDX labels)")
        let images = TestFiles.idxImages(count: 2, rows: 3, columns: 4, pixels: pixels, magic: 0x1234)
        let other = dataErrorMessage { _ = try IDX.parseImages(images, name: "x.idx") }
        #expect(other == "x.idx: expected magic 2051 (IDX images), found 4660")
        let wrongLabels = dataErrorMessage { _ = try IDX.parseLabels(images, name: "labels") }
        #expect(wrongLabels?.hasPrefix("labels: expected magic 2049 (IDX labels)") == true)
    }

    @Test func truncatedFilesThrow() throws {
        let images = TestFiles.idxImages(count: 2, rows: 3, columns: 4, pixels: pixels)
        for length in [0, 3, 10, images.count - 1] {
            let message = dataErrorMessage { _ = try IDX.parseImages(Array(images[..<length]), name: "cut.idx") }
            #expect(message?.hasPrefix("cut.idx: truncated") == true, "length \(length): \(message ?? "no error")")
        }
        let labels = TestFiles.idxLabels([1, 2, 3])
        let message = dataErrorMessage { _ = try IDX.parseLabels(Array(labels.dropLast()), name: "labels.idx") }
        #expect(message == "labels.idx: truncated: the header says 3 labels, expected 3 bytes after the 8-byte header, found 2")
    }

    @Test func truncatedGzipStreamThrows() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let compressed = try TestFiles.gzip(TestFiles.idxImages(count: 2, rows: 3, columns: 4, pixels: pixels))
        try TestFiles.write(Array(compressed.prefix(compressed.count / 2)), to: directory + "/cut.gz")
        let message = dataErrorMessage { _ = try IDX.readImages(at: directory + "/cut.gz") }
        #expect(message?.contains("cut.gz: truncated gzip data") == true, "\(message ?? "no error")")
        var corrupt = compressed
        for i in 10..<(corrupt.count - 8) { corrupt[i] ^= 0x5A }
        try TestFiles.write(corrupt, to: directory + "/corrupt.gz")
        let corruptMessage = dataErrorMessage { _ = try IDX.readImages(at: directory + "/corrupt.gz") }
        #expect(corruptMessage?.contains("corrupt.gz: ") == true, "\(corruptMessage ?? "no error")")
    }

    @Test func absurdAndMismatchedSizesThrow() {
        let huge = TestFiles.idxImages(count: 60_000, rows: 60_000, columns: 60_000, pixels: pixels)
        let hugeMessage = dataErrorMessage { _ = try IDX.parseImages(huge, name: "huge") }
        #expect(hugeMessage == "huge: absurd size: the header says 60000 images of 60000×60000, more than 1000000000 bytes")
        let overflow = TestFiles.idxImages(count: -1, rows: -1, columns: -1, pixels: pixels)
        #expect(dataErrorMessage { _ = try IDX.parseImages(overflow, name: "max") }?.hasPrefix("max: absurd size") == true)
        let long = TestFiles.idxImages(count: 1, rows: 3, columns: 4, pixels: pixels)
        #expect(dataErrorMessage { _ = try IDX.parseImages(long, name: "long") } == """
            long: too long: the header says 1 images of 3×4, expected 12 bytes after the 16-byte header, found 24
            """)
        let empty = TestFiles.idxImages(count: 0, rows: 3, columns: 4, pixels: [])
        #expect(dataErrorMessage { _ = try IDX.parseImages(empty, name: "empty") } == "empty: holds no images (the header's count is 0)")
        let flat = TestFiles.idxImages(count: 2, rows: 0, columns: 4, pixels: [])
        #expect(dataErrorMessage { _ = try IDX.parseImages(flat, name: "flat") }?.hasPrefix("flat: expected images of at least 1×1") == true)
    }

    @Test func missingFileAndDirectoryThrow() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        #expect(dataErrorMessage { _ = try IDX.readImages(at: directory + "/none") } == "\(directory)/none: file not found")
        #expect(dataErrorMessage { _ = try IDX.readImages(at: directory) } == "\(directory): expected a file, found a directory")
    }
}
