import Foundation

/// Loading STL-10 (Coates, Lee and Ng, 2011) in its binary version, the files of `stl10_binary.tar.gz`:
/// 5,000 training and 8,000 test images of 96×96 RGB pixels in ten classes, and 100,000 unlabelled images.
///
/// An images file (`train_X.bin`, `test_X.bin`, `unlabeled_X.bin`) holds 3 × 96 × 96 bytes per image, each
/// channel stored column by column (MATLAB's order); they are transposed to rows here so that images are
/// upright. A labels file (`train_y.bin`, `test_y.bin`) holds one byte per image, 1 to 10, read as 0 to 9.
public enum STL10 {
    /// Which images to read.
    public enum Part: String, Sendable, CaseIterable {
        /// The 5,000 labelled training images.
        case train
        /// The 8,000 labelled test images.
        case test
        /// The 100,000 unlabelled images (every label 0).
        case unlabeled

        /// The number of images the published files hold.
        public var publishedCount: Int {
            switch self {
            case .train: 5_000
            case .test: 8_000
            case .unlabeled: 100_000
            }
        }

        /// The images file.
        var imagesFile: String { rawValue + "_X.bin" }
        /// The labels file, nil for the unlabelled images.
        var labelsFile: String? { self == .unlabeled ? nil : rawValue + "_y.bin" }
    }

    /// The side of every image.
    public static let imageSide = 96
    /// The bytes of one image.
    public static let imageBytes = 3 * 96 * 96
    /// The folder in which the archive stores the files.
    public static let folderName = "stl10_binary"
    /// The name of each class, by label (as in the archive's `class_names.txt`).
    public static let classNames = ["airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck"]

    /// Loads `part` from `directory`, or from its `stl10_binary` subfolder when there is one (the archive
    /// extracted in place). `count` is the number of images expected (the published count by default; smaller
    /// only for test data).
    ///
    /// Throws a `DataError` naming the file when one is missing, holds another number of images or labels, or
    /// has a label outside 1...10.
    public static func load(_ part: Part, from directory: String, count: Int? = nil) throws -> ImageDataset {
        try FileBytes.requireDirectory(directory, holding: "the STL-10 binary files")
        let nested = directory + "/" + folderName
        let folder = FileBytes.directoryExists(nested) ? nested : directory
        let expected = count ?? part.publishedCount
        let pixels = try images(FileBytes.read(folder + "/" + part.imagesFile), name: folder + "/" + part.imagesFile, count: expected)
        let labels = try part.labelsFile.map { try self.labels(FileBytes.read(folder + "/" + $0), name: folder + "/" + $0, count: expected) }
        return ImageDataset(pixels: pixels, labels: labels ?? Array(repeating: 0, count: expected),
                            channels: 3, height: imageSide, width: imageSide)
    }

    /// The pixels of the images file `bytes` (`name`, for errors), which must hold `count` images, each
    /// channel turned from column order into row order.
    public static func images(_ bytes: [UInt8], name: String, count: Int) throws -> [UInt8] {
        let (size, overflow) = count.multipliedReportingOverflow(by: imageBytes)
        guard count > 0, !overflow, bytes.count == size else {
            throw DataError(file: name, """
                is \(bytes.count) bytes, expected \(count) images of 3×96×96 bytes; the file is truncated or not an \
                STL-10 images file
                """)
        }
        var pixels = [UInt8](repeating: 0, count: size)
        let side = imageSide
        bytes.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for plane in 0..<(count * 3) {
                    let base = plane * side * side
                    for column in 0..<side {
                        for row in 0..<side { target[base + row * side + column] = source[base + column * side + row] }
                    }
                }
            }
        }
        return pixels
    }

    /// The labels (0...9) of the labels file `bytes` (`name`, for errors), which must hold `count` bytes of 1...10.
    public static func labels(_ bytes: [UInt8], name: String, count: Int) throws -> [Int] {
        guard bytes.count == count else {
            throw DataError(file: name, "holds \(bytes.count) labels, expected \(count) (one byte per image)")
        }
        return try bytes.enumerated().map { index, byte in
            guard (1...10).contains(byte) else {
                throw DataError(file: name, "label \(byte) of image \(index) is outside 1...10")
            }
            return Int(byte) - 1
        }
    }
}
