import Foundation
import LatentData
import Testing

/// Writing small data files for the parsers to read.
enum TestFiles {
    /// A new empty directory, removed by `remove`.
    static func makeDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/latent-data-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// `value` as four big-endian bytes.
    static func bigEndian(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }

    /// An IDX image file: magic, count, rows, columns, then the pixels.
    static func idxImages(count: Int, rows: Int, columns: Int, pixels: [UInt8], magic: Int = 2051) -> [UInt8] {
        bigEndian(magic) + bigEndian(count) + bigEndian(rows) + bigEndian(columns) + pixels
    }

    /// An IDX label file: magic, count, then the labels.
    static func idxLabels(_ labels: [UInt8], count: Int? = nil, magic: Int = 2049) -> [UInt8] {
        bigEndian(magic) + bigEndian(count ?? labels.count) + labels
    }

    /// `bytes` compressed by the gzip program.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", "-n"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](compressed)
    }

    /// Writes a small MNIST-shaped training split (`count` 28×28 images) into `directory`.
    static func writeMNISTSplit(
        into directory: String, count: Int = 3, labels: [UInt8]? = nil, compress: Bool = false
    ) throws {
        let pixels = (0..<(count * 784)).map { UInt8($0 % 256) }
        var images = idxImages(count: count, rows: 28, columns: 28, pixels: pixels)
        var labelFile = idxLabels(labels ?? (0..<count).map { UInt8($0 % 10) })
        let suffix = compress ? ".gz" : ""
        if compress {
            images = try gzip(images)
            labelFile = try gzip(labelFile)
        }
        try write(images, to: directory + "/train-images-idx3-ubyte" + suffix)
        try write(labelFile, to: directory + "/train-labels-idx1-ubyte" + suffix)
    }

    /// The repository's root directory.
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The repository's bundled MNIST directory.
    static var bundledMNIST: String { packageRoot + "/Data/mnist" }
}

/// The message of the `DataError` that `body` throws, or nil when it throws none.
func dataErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error.message
    } catch {
        Issue.record("expected a DataError, got \(error)")
        return nil
    }
}
