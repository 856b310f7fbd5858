import Foundation
import LatentData
import Testing

@Suite struct CIFAR10Tests {
    /// A record: the label, then 3072 pixel bytes starting at `seed`.
    static func record(label: UInt8, seed: Int) -> [UInt8] {
        [label] + (0..<3072).map { UInt8(truncatingIfNeeded: seed + $0) }
    }

    /// Writes the five training batches (two records each) and a test batch into `directory`.
    static func writeBatches(into directory: String, recordsPerFile: Int = 2) throws {
        for (number, name) in (CIFAR10.fileNames(.train) + CIFAR10.fileNames(.test)).enumerated() {
            let bytes = (0..<recordsPerFile).flatMap { record(label: UInt8((number + $0) % 10), seed: 10 * number + $0) }
            try TestFiles.write(bytes, to: directory + "/" + name)
        }
    }

    @Test func loadsBothSplitsInFileOrder() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let batches = directory + "/cifar-10-batches-bin"
        try FileManager.default.createDirectory(atPath: batches, withIntermediateDirectories: true)
        try Self.writeBatches(into: batches)
        // Found both through the archive's folder and directly.
        for root in [directory, batches] {
            let train = try CIFAR10.load(.train, from: root, recordsPerFile: 2)
            #expect(train.count == 10 && train.imageShape == [3, 32, 32])
            #expect(train.labels == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5])
            // Image 3 is the second record of data_batch_2 (seed 11): channel-major bytes as stored.
            #expect(Array(train.pixels[(3 * 3072)..<(3 * 3072 + 3)]) == [11, 12, 13])
            #expect(train.pixels[3 * 3072 + 1024] == UInt8(truncatingIfNeeded: 11 + 1024))
        }
        let test = try CIFAR10.load(.test, from: directory, recordsPerFile: 2)
        #expect(test.labels == [5, 6] && test.pixels[0] == 50)
    }

    @Test func truncatedFilesAndWrongCountsAreNamed() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        try Self.writeBatches(into: directory)
        let path = directory + "/test_batch.bin"
        try TestFiles.write(Self.record(label: 1, seed: 0) + [7, 7, 7], to: path)
        #expect(dataErrorMessage { _ = try CIFAR10.load(.test, from: directory, recordsPerFile: 2) } == """
            \(path): 3076 bytes is not a whole number of 3073-byte records (a label byte and 3×32×32 pixels); \
            the file is truncated or not a CIFAR-10 binary batch
            """)
        try TestFiles.write(Self.record(label: 1, seed: 0), to: path)
        #expect(dataErrorMessage { _ = try CIFAR10.load(.test, from: directory, recordsPerFile: 2) } == """
            \(path): holds 1 records, expected 2 (6146 bytes); the file is truncated or not a CIFAR-10 binary batch
            """)
        // The published files hold 10,000 records each.
        #expect(dataErrorMessage { _ = try CIFAR10.load(.train, from: directory) }?
            .hasSuffix("data_batch_1.bin: holds 2 records, expected 10000 (30730000 bytes); the file is truncated or not a CIFAR-10 binary batch") == true)
        try TestFiles.write([], to: path)
        #expect(dataErrorMessage { _ = try CIFAR10.load(.test, from: directory, recordsPerFile: 2) }?
            .hasPrefix("\(path): 0 bytes is not a whole number") == true)
    }

    @Test func labelsAboveNineAreRefused() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        try Self.writeBatches(into: directory)
        let path = directory + "/test_batch.bin"
        try TestFiles.write(Self.record(label: 3, seed: 0) + Self.record(label: 10, seed: 1), to: path)
        #expect(dataErrorMessage { _ = try CIFAR10.load(.test, from: directory, recordsPerFile: 2) }
            == "\(path): label 10 in record 1 (byte 3073) is outside 0...9")
    }

    @Test func missingFilesAndDirectoriesAreNamed() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        let missing = directory + "/absent"
        #expect(dataErrorMessage { _ = try CIFAR10.load(.train, from: missing) }
            == "\(missing): directory not found (expected it to hold the CIFAR-10 binary batches)")
        try Self.writeBatches(into: directory)
        try FileManager.default.removeItem(atPath: directory + "/data_batch_4.bin")
        #expect(dataErrorMessage { _ = try CIFAR10.load(.train, from: directory, recordsPerFile: 2) }
            == "\(directory): expected data_batch_4.bin (the CIFAR-10 training batch 4 of 5), not found")
    }
}
