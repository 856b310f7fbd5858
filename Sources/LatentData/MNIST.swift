import Foundation

/// Which half of a data set.
public enum DataSplit: String, Sendable, CaseIterable {
    /// The training images (60,000 for MNIST).
    case train
    /// The test images (10,000 for MNIST).
    case test
}

/// The data sets stored in MNIST's IDX layout: 28×28 grey images in ten classes, under the same four file names.
public enum MNISTVariant: String, Sendable, CaseIterable {
    /// Handwritten digits (LeCun, Cortes and Burges).
    case mnist = "mnist"
    /// Zalando's clothing images.
    case fashionMNIST = "fashion-mnist"

    /// The name people know it by.
    public var displayName: String {
        switch self {
        case .mnist: "MNIST"
        case .fashionMNIST: "Fashion-MNIST"
        }
    }
}

/// Loading MNIST and Fashion-MNIST from a directory holding the four standard IDX files,
/// gzip-compressed (`train-images-idx3-ubyte.gz`, …) or not (`train-images-idx3-ubyte`, …).
public enum MNIST {
    /// The side of every image.
    public static let imageSide = 28
    /// The number of classes.
    public static let classCount = 10

    /// The uncompressed names of a split's image and label files.
    public static func fileNames(_ split: DataSplit) -> (images: String, labels: String) {
        let prefix = split == .train ? "train" : "t10k"
        return ("\(prefix)-images-idx3-ubyte", "\(prefix)-labels-idx1-ubyte")
    }

    /// The data directory to use: `explicit` when given (it must exist), else the folder `DatasetCatalog` finds
    /// for the variant (the bundled MNIST, or the download cache). Throws naming the folders looked in.
    public static func directory(_ explicit: String? = nil, variant: MNISTVariant = .mnist) throws -> String {
        if let explicit {
            try FileBytes.requireDirectory(explicit, holding: "the \(variant.displayName) IDX files")
            return explicit
        }
        return try DatasetCatalog().directory(for: variant.rawValue, explicit: nil)
    }

    /// Loads one split from `directory`. The `.gz` file is read when both forms are present.
    ///
    /// When the directory holds a `SHA256SUMS` file and `verifyChecksums` is true, every file it lists is
    /// checked against it before use. Throws a `DataError` naming the file for anything missing, corrupt or
    /// inconsistent (wrong magic, truncation, sizes other than 28×28, label and image counts that differ,
    /// labels outside 0...9).
    public static func load(
        _ split: DataSplit, from directory: String, variant: MNISTVariant = .mnist, verifyChecksums: Bool = true
    ) throws -> ImageDataset {
        let what = "\(variant.displayName) \(split == .train ? "training" : "test")"
        try FileBytes.requireDirectory(directory, holding: "the \(variant.displayName) IDX files")
        let checksumPath = directory + "/SHA256SUMS"
        let checksums = verifyChecksums && FileBytes.fileExists(checksumPath)
            ? try ChecksumList(contentsOf: checksumPath) : nil
        let names = fileNames(split)

        func contents(_ baseName: String, _ description: String) throws -> (path: String, bytes: [UInt8]) {
            let candidates = [baseName + ".gz", baseName]
            guard let name = candidates.first(where: { FileBytes.fileExists(directory + "/" + $0) }) else {
                throw DataError(file: directory, "expected \(candidates[0]) or \(candidates[1]) (\(what) \(description)), found neither")
            }
            let path = directory + "/" + name
            let raw = try FileBytes.read(path)
            if let checksums, checksums.digests[name] != nil {
                try checksums.verify(raw, name: name, path: path)
            }
            return (path, Gzip.isCompressed(raw) ? try Gzip.decompress(raw, name: path) : raw)
        }

        let imageFile = try contents(names.images, "images")
        let images = try IDX.parseImages(imageFile.bytes, name: imageFile.path)
        guard images.rows == imageSide && images.columns == imageSide else {
            throw DataError(file: imageFile.path, "expected \(imageSide)×\(imageSide) images, found \(images.rows)×\(images.columns)")
        }
        let labelFile = try contents(names.labels, "labels")
        let labels = try IDX.parseLabels(labelFile.bytes, name: labelFile.path)
        guard labels.count == images.count else {
            throw DataError(file: labelFile.path, "holds \(labels.count) labels, expected \(images.count) to match \(imageFile.path)")
        }
        if let bad = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError(file: labelFile.path, "label \(labels[bad]) at index \(bad) is outside 0...\(classCount - 1)")
        }
        return ImageDataset(pixels: images.pixels, labels: labels.map(Int.init),
                            channels: 1, height: imageSide, width: imageSide)
    }
}
