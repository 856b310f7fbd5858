import Foundation
import LatentData
import Testing

@Suite struct MNISTLoadingTests {
    @Test func loadsRawAndCompressedSplits() throws {
        for compress in [false, true] {
            let directory = try TestFiles.makeDirectory()
            defer { TestFiles.remove(directory) }
            try TestFiles.writeMNISTSplit(into: directory, count: 3, labels: [4, 0, 9], compress: compress)
            let data = try MNIST.load(.train, from: directory)
            #expect(data.count == 3 && data.labels == [4, 0, 9])
            #expect(data.imageShape == [1, 28, 28])
            let images = data.images(scaling: .zeroToOne)
            #expect(images.shape == [3, 1, 28, 28])
            #expect(images.values[255] == 1 && images.values[256] == 0)
        }
    }

    @Test func missingDirectoryAndFilesAreNamed() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let missing = directory + "/nowhere"
        #expect(dataErrorMessage { _ = try MNIST.load(.train, from: missing) }
            == "\(missing): directory not found (expected it to hold the MNIST IDX files)")
        #expect(dataErrorMessage { _ = try MNIST.directory(missing) }?.hasPrefix("\(missing): directory not found") == true)
        #expect(dataErrorMessage { _ = try MNIST.load(.test, from: directory) } == """
            \(directory): expected t10k-images-idx3-ubyte.gz or t10k-images-idx3-ubyte (MNIST test images), found neither
            """)
        try TestFiles.writeMNISTSplit(into: directory)
        try FileManager.default.removeItem(atPath: directory + "/train-labels-idx1-ubyte")
        let message = dataErrorMessage { _ = try MNIST.load(.train, from: directory, variant: .fashionMNIST) }
        #expect(message == """
            \(directory): expected train-labels-idx1-ubyte.gz or train-labels-idx1-ubyte (Fashion-MNIST training labels), \
            found neither
            """)
    }

    @Test func inconsistentFilesAreRefused() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let labelPath = directory + "/train-labels-idx1-ubyte"
        try TestFiles.writeMNISTSplit(into: directory, count: 3, labels: [1, 2])
        #expect(dataErrorMessage { _ = try MNIST.load(.train, from: directory) }
            == "\(labelPath): holds 2 labels, expected 3 to match \(directory)/train-images-idx3-ubyte")
        try TestFiles.writeMNISTSplit(into: directory, count: 3, labels: [1, 12, 2])
        #expect(dataErrorMessage { _ = try MNIST.load(.train, from: directory) }
            == "\(labelPath): label 12 at index 1 is outside 0...9")
        let small = TestFiles.idxImages(count: 1, rows: 2, columns: 2, pixels: [0, 1, 2, 3])
        try TestFiles.write(small, to: directory + "/train-images-idx3-ubyte")
        #expect(dataErrorMessage { _ = try MNIST.load(.train, from: directory) }
            == "\(directory)/train-images-idx3-ubyte: expected 28×28 images, found 2×2")
    }

    @Test func checksumMismatchIsReported() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        try TestFiles.writeMNISTSplit(into: directory, compress: true)
        let path = directory + "/train-images-idx3-ubyte.gz"
        let actual = SHA256.hexDigest(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let wrong = String(repeating: "0", count: 64)
        try Data("\(wrong)  train-images-idx3-ubyte.gz\n".utf8).write(to: URL(fileURLWithPath: directory + "/SHA256SUMS"))
        #expect(dataErrorMessage { _ = try MNIST.load(.train, from: directory) } == """
            \(path): SHA-256 mismatch: expected \(wrong) (from \(directory)/SHA256SUMS), found \(actual); \
            the file is corrupt or was changed
            """)
        #expect(try MNIST.load(.train, from: directory, verifyChecksums: false).count == 3)
        try Data("\(actual) *train-images-idx3-ubyte.gz\n".utf8).write(to: URL(fileURLWithPath: directory + "/SHA256SUMS"))
        #expect(try MNIST.load(.train, from: directory).count == 3)
        try Data("not a checksum\n".utf8).write(to: URL(fileURLWithPath: directory + "/SHA256SUMS"))
        #expect(dataErrorMessage { _ = try MNIST.load(.train, from: directory) }?
            .hasPrefix("\(directory)/SHA256SUMS: line 1: expected a 64-digit SHA-256") == true)
    }

    @Test func bundledMNISTLoadsAndVerifies() throws {
        let directory = try MNIST.directory(TestFiles.bundledMNIST)
        let clock = ContinuousClock()
        let start = clock.now
        let train = try MNIST.load(.train, from: directory)
        let test = try MNIST.load(.test, from: directory)
        let loading = clock.now - start
        #expect(train.count == 60_000 && test.count == 10_000)
        #expect(train.labels[0] == 5 && test.labels[0] == 7)
        #expect(Set(train.labels) == Set(0..<10) && train.classCount == 10)
        #expect(test.images(scaling: .zeroToOne).shape == [10_000, 1, 28, 28])
        // The range on the first thousand images: generic min and max over millions of values are slow in debug builds.
        let firstImages = test.subset(Array(0..<1000))
        let symmetric = firstImages.images(scaling: .minusOneToOne).values
        #expect(symmetric.min() == -1 && symmetric.max() == 1)
        let unit = firstImages.images(scaling: .zeroToOne).values
        #expect(unit.min() == 0 && unit.max() == 1)
        print("bundled MNIST: train and test loaded, checksums verified, in \(loading)")
    }
}
