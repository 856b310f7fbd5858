import Foundation

/// Loading CIFAR-10 (Krizhevsky, 2009) in its binary version, the files of `cifar-10-binary.tar.gz`:
/// 50,000 training and 10,000 test images of 32×32 RGB pixels in ten classes.
///
/// Each batch file (`data_batch_1.bin` … `data_batch_5.bin` for training, `test_batch.bin` for testing) is
/// 10,000 records of 3,073 bytes: the label (0–9), then 1,024 red, 1,024 green and 1,024 blue pixel values,
/// each plane row by row: the channels × height × width layout of `ImageDataset`.
public enum CIFAR10 {
    /// The side of every image.
    public static let imageSide = 32
    /// The number of classes.
    public static let classCount = 10
    /// The bytes of one record: a label byte and 3 × 32 × 32 pixel bytes.
    public static let recordSize = 1 + 3 * 32 * 32
    /// The records in each batch file of the published data set.
    public static let recordsPerFile = 10_000
    /// The folder in which the archive stores the batch files.
    public static let batchFolderName = "cifar-10-batches-bin"
    /// The name of each class, by label (as in the archive's `batches.meta.txt`).
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

    /// The batch files of a split, in the order their images are concatenated.
    public static func fileNames(_ split: DataSplit) -> [String] {
        split == .train ? (1...5).map { "data_batch_\($0).bin" } : ["test_batch.bin"]
    }

    /// The folder that holds the batch files: `directory/cifar-10-batches-bin` when it exists (the archive
    /// extracted into `directory`), else `directory` itself. Throws when `directory` does not exist.
    public static func batchDirectory(in directory: String) throws -> String {
        try FileBytes.requireDirectory(directory, holding: "the CIFAR-10 binary batches")
        let nested = directory + "/" + batchFolderName
        return FileBytes.directoryExists(nested) ? nested : directory
    }

    /// Loads one split from `directory` (see `batchDirectory(in:)`), its batch files concatenated in order.
    ///
    /// Throws a `DataError` naming the file when one is missing, is not a whole number of records, holds other
    /// than `recordsPerFile` records (pass a smaller count only for test data), or has a label outside 0...9.
    public static func load(_ split: DataSplit, from directory: String, recordsPerFile: Int = recordsPerFile) throws -> ImageDataset {
        let folder = try batchDirectory(in: directory)
        var pixels: [UInt8] = [], labels: [Int] = []
        let names = fileNames(split)
        pixels.reserveCapacity(names.count * recordsPerFile * (recordSize - 1))
        for (number, name) in names.enumerated() {
            let path = folder + "/" + name
            guard FileBytes.fileExists(path) else {
                let which = split == .train ? "training batch \(number + 1) of \(names.count)" : "test batch"
                throw DataError(file: folder, "expected \(name) (the CIFAR-10 \(which)), not found")
            }
            try parseBatch(FileBytes.read(path), name: path, expectedRecords: recordsPerFile, into: &pixels, labels: &labels)
        }
        return ImageDataset(pixels: pixels, labels: labels, channels: 3, height: imageSide, width: imageSide)
    }

    /// Appends the images and labels of one batch file's bytes to `pixels` and `labels`; `name` is the file,
    /// for error messages. `expectedRecords` nil accepts any positive number of records.
    public static func parseBatch(
        _ bytes: [UInt8], name: String, expectedRecords: Int?, into pixels: inout [UInt8], labels: inout [Int]
    ) throws {
        guard !bytes.isEmpty, bytes.count % recordSize == 0 else {
            throw DataError(file: name, """
                \(bytes.count) bytes is not a whole number of \(recordSize)-byte records (a label byte and 3×32×32 \
                pixels); the file is truncated or not a CIFAR-10 binary batch
                """)
        }
        let count = bytes.count / recordSize
        if let expectedRecords, count != expectedRecords {
            throw DataError(file: name, """
                holds \(count) records, expected \(expectedRecords) (\(expectedRecords * recordSize) bytes); \
                the file is truncated or not a CIFAR-10 binary batch
                """)
        }
        for record in 0..<count {
            let start = record * recordSize
            let label = Int(bytes[start])
            guard label < classCount else {
                throw DataError(file: name, "label \(label) in record \(record) (byte \(start)) is outside 0...\(classCount - 1)")
            }
            labels.append(label)
            pixels.append(contentsOf: bytes[(start + 1)..<(start + recordSize)])
        }
    }
}
