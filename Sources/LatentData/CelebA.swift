import Foundation

/// Loading CelebA (Liu, Luo, Wang and Tang, 2015), its aligned and cropped faces: the JPEG images of
/// `img_align_celeba/` (178×218), the 40 binary attributes of `list_attr_celeba.txt` and the official split of
/// `list_eval_partition.txt` (0 training: 162,770 images, 1 validation: 19,867, 2 test: 19,962).
///
/// The attributes file starts with the number of images, then a line of the 40 attribute names, then one line
/// per image: its file name and 40 values of −1 or 1, read as 0 or 1 (as torchvision does). The partition file
/// holds one line per image: its file name and 0, 1 or 2. The images' labels are all 0; the attributes are the
/// data set's `attributes`.
public enum CelebA {
    /// The official partitions.
    public enum Partition: Int, Sendable, CaseIterable {
        /// Partition 0, the training images.
        case train = 0
        /// Partition 1, the validation images.
        case valid = 1
        /// Partition 2, the test images.
        case test = 2
    }

    /// The folder of aligned JPEG images.
    public static let imageFolderName = "img_align_celeba"
    /// The attributes file.
    public static let attributesFileName = "list_attr_celeba.txt"
    /// The partition file.
    public static let partitionFileName = "list_eval_partition.txt"
    /// The number of attributes per image.
    public static let attributeCount = 40

    /// Loads the images of `partition` from `directory` (which holds the image folder and both lists), in the
    /// partition file's order, with their attributes; `channels` (1 or 3) converts the images, and `side` resizes
    /// each to `side`×`side` as it is read (the full-size training images alone take 18.9 GB).
    ///
    /// Throws a `DataError` naming the file, and the line where there is one, for a missing file, a malformed or
    /// duplicated line, a value other than −1 or 1 (0, 1 or 2 in the partition file), an attributes file whose
    /// count disagrees with its lines, an image without attributes, or an image that does not decode.
    public static func load(_ partition: Partition, from directory: String, channels: Int? = nil, side: Int? = nil) throws -> ImageDataset {
        try FileBytes.requireDirectory(directory, holding: "CelebA's \(imageFolderName) folder, \(attributesFileName) and \(partitionFileName)")
        try FileBytes.requireDirectory(directory + "/" + imageFolderName, holding: "CelebA's aligned JPEG images")
        let partitionPath = directory + "/" + partitionFileName, attributesPath = directory + "/" + attributesFileName
        let files = try partitionFiles(text(of: partitionPath), name: partitionPath).filter { $0.partition == partition }.map(\.file)
        guard !files.isEmpty else {
            throw DataError(file: partitionPath, "lists no image of partition \(partition.rawValue) (\(partition))")
        }
        let table = try attributes(text(of: attributesPath), name: attributesPath)
        var values: [UInt8] = []
        values.reserveCapacity(files.count * attributeCount)
        for file in files {
            guard let row = table.rows[file] else {
                throw DataError(file: attributesPath, "has no line for \(file), which \(partitionPath) lists")
            }
            values += row
        }
        let images = try ImageFolder.decode(files.map { directory + "/" + imageFolderName + "/" + $0 },
                                            labels: Array(repeating: 0, count: files.count), channels: channels, side: side)
        return ImageDataset(pixels: images.pixels, labels: images.labels, channels: images.channels, height: images.height,
                            width: images.width, attributes: ImageAttributes(names: table.names, values: values))
    }

    /// The lines of the partition file `text` (`name`, for errors): each image's file name and partition.
    public static func partitionFiles(_ text: String, name: String) throws -> [(file: String, partition: Partition)] {
        var seen = Set<String>()
        return try lines(text).map { number, fields in
            guard fields.count == 2, let value = Int(fields[1]), let partition = Partition(rawValue: value) else {
                throw DataError(file: name, "line \(number): expected a file name and a partition of 0, 1 or 2, found \"\(fields.joined(separator: " "))\"")
            }
            guard !fields[0].contains("/") else {
                throw DataError(file: name, "line \(number): \"\(fields[0])\" is not a plain file name")
            }
            guard seen.insert(fields[0]).inserted else {
                throw DataError(file: name, "line \(number): \(fields[0]) is listed a second time")
            }
            return (fields[0], partition)
        }
    }

    /// The attribute names and each image's row of 0s and 1s, from the attributes file `text` (`name`, for errors).
    public static func attributes(_ text: String, name: String) throws -> (names: [String], rows: [String: [UInt8]]) {
        let all = lines(text)
        guard all.count >= 2, all[0].fields.count == 1, let count = Int(all[0].fields[0]), count >= 0 else {
            throw DataError(file: name, "line 1: expected the number of images, then a line of \(attributeCount) attribute names")
        }
        let names = all[1].fields
        guard names.count == attributeCount else {
            throw DataError(file: name, "line \(all[1].number): expected \(attributeCount) attribute names, found \(names.count)")
        }
        guard all.count - 2 == count else {
            throw DataError(file: name, "line 1 announces \(count) images, but \(all.count - 2) lines of attributes follow")
        }
        var rows: [String: [UInt8]] = [:]
        rows.reserveCapacity(count)
        for (number, fields) in all.dropFirst(2) {
            guard fields.count == attributeCount + 1 else {
                throw DataError(file: name, "line \(number): expected a file name and \(attributeCount) values, found \(fields.count) fields")
            }
            let row = try fields.dropFirst().map { field -> UInt8 in
                switch field {
                case "1": 1
                case "-1": 0
                default: throw DataError(file: name, "line \(number): attribute value \"\(field)\" is not -1 or 1")
                }
            }
            guard rows.updateValue(row, forKey: fields[0]) == nil else {
                throw DataError(file: name, "line \(number): \(fields[0]) is listed a second time")
            }
        }
        return (names, rows)
    }

    /// The non-blank lines of `text` with their 1-based numbers, split into fields at runs of spaces and tabs.
    private static func lines(_ text: String) -> [(number: Int, fields: [String])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            return fields.isEmpty ? nil : (index + 1, fields)
        }
    }

    /// The contents of the text file at `path`.
    private static func text(of path: String) throws -> String {
        String(decoding: try FileBytes.read(path), as: UTF8.self)
    }
}
