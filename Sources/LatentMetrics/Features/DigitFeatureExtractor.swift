import Foundation
import LatentData
import LatentNN

/// The feature extractor of the 28×28 metrics (FID, KID, Inception Score, precision and recall):
/// a trained `MNISTConvNet`, in evaluation mode, whose 128 penultimate features stand in for
/// Inception's pool features and whose class probabilities stand in for Inception's logits.
///
/// Images are `[N, 1, 28, 28]` with values in [−1, 1], the scaling the classifier was trained with
/// and the range of a tanh generator, so generated samples go in as they are. They are run
/// `batchSize` at a time.
///
/// ```swift
/// let extractor = try DigitFeatureExtractor(.shipped(.mnist))
/// let statistics = FeatureStatistics(features: try extractor.features(samples))
/// ```
public final class DigitFeatureExtractor {
    /// Where the network's weights come from.
    public enum Weights: Sendable {
        /// The classifier the repository ships for a data set, `Data/classifiers/<variant>-classifier.safetensors`,
        /// found as `DigitFeatureExtractor.shippedWeightsCandidates` describes.
        case shipped(MNISTVariant)
        /// A safetensors file holding an `MNISTConvNet` state dict (PyTorch names).
        case file(String)
    }

    /// The environment variable naming a directory that holds the shipped classifier files; it is
    /// looked in before the current directory and the package.
    public static let directoryVariable = "LATENT_CLASSIFIERS_DIR"

    /// The network, in evaluation mode.
    public let network: MNISTConvNet
    /// How many images go through the network at once.
    public let batchSize: Int

    /// An extractor with the weights of `weights`; throws naming every path tried when the shipped
    /// file is not found, when it does not match the `SHA256SUMS` beside it, and naming the file when
    /// it is not a valid state dict of the network.
    public convenience init(_ weights: Weights, batchSize: Int = 500) throws {
        let path: String
        switch weights {
        case .shipped(let variant):
            path = try Self.locateShippedWeights(variant)
            try Self.verifyChecksum(path)
        case .file(let file):
            path = file
        }
        let network = MNISTConvNet()
        do {
            try network.load(from: path)
        } catch {
            throw FeatureExtractorError("cannot load classifier weights from \(path): \(error)")
        }
        self.init(network: network, batchSize: batchSize)
    }

    /// An extractor running `network` (put in evaluation mode).
    public init(network: MNISTConvNet, batchSize: Int = 500) {
        precondition(batchSize > 0, "DigitFeatureExtractor: batch size must be positive, got \(batchSize)")
        self.network = network.eval()
        self.batchSize = batchSize
    }

    /// The file name of the shipped classifier of `variant`, such as `mnist-classifier.safetensors`.
    public static func shippedFileName(_ variant: MNISTVariant) -> String {
        "\(variant.rawValue)-classifier.safetensors"
    }

    /// The paths looked at, in order, for the shipped classifier of `variant`: in the directory named by
    /// `LATENT_CLASSIFIERS_DIR` when set, then `Data/classifiers/` under the current directory, then
    /// `Data/classifiers/` of the package this module was built from.
    public static func shippedWeightsCandidates(_ variant: MNISTVariant) -> [String] {
        let name = shippedFileName(variant)
        var directories: [String] = []
        if let directory = ProcessInfo.processInfo.environment[directoryVariable], !directory.isEmpty {
            directories.append(directory)
        }
        directories.append(FileManager.default.currentDirectoryPath + "/Data/classifiers")
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent("Data/classifiers").path)
        return directories.map { $0 + "/" + name }
    }

    /// The first of `shippedWeightsCandidates(variant)` that exists; throws naming every path tried.
    public static func locateShippedWeights(_ variant: MNISTVariant) throws -> String {
        let candidates = shippedWeightsCandidates(variant)
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw FeatureExtractorError("""
                no shipped \(variant.displayName) classifier: looked for \(candidates.joined(separator: ", ")); \
                run from the repository root or set \(directoryVariable) to the directory holding \(shippedFileName(variant))
                """)
        }
        return found
    }

    /// Throws unless the file at `path` has the SHA-256 that the `SHA256SUMS` file in its directory
    /// lists for it (nothing is checked when there is no such list).
    static func verifyChecksum(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let list = url.deletingLastPathComponent().appendingPathComponent("SHA256SUMS").path
        guard FileManager.default.fileExists(atPath: list) else { return }
        do {
            try ChecksumList(contentsOf: list).verify([UInt8](try Data(contentsOf: url)), name: url.lastPathComponent, path: path)
        } catch {
            throw FeatureExtractorError("shipped classifier weights fail their checksum: \(error)")
        }
    }

    /// The 128 penultimate features of each image, `[N, 128]`.
    public func features(_ images: Tensor) throws -> Tensor {
        try featuresAndLogits(images).features
    }

    /// The class logits of each image, `[N, 10]`.
    public func logits(_ images: Tensor) throws -> Tensor {
        try featuresAndLogits(images).logits
    }

    /// The class probabilities (softmax of the logits) of each image, `[N, 10]`.
    public func probabilities(_ images: Tensor) throws -> Tensor {
        try withoutGrad { try featuresAndLogits(images).logits.softmax(axis: 1) }
    }

    /// The features `[N, 128]` and logits `[N, 10]` of each image from one pass through the network.
    /// Throws when `images` is not `[N, 1, 28, 28]` with N ≥ 1 and every value finite and in [−1, 1].
    public func featuresAndLogits(_ images: Tensor) throws -> (features: Tensor, logits: Tensor) {
        try Self.checkImages(images)
        return network.inEvaluationMode {
            var features: [Tensor] = [], logits: [Tensor] = []
            for start in stride(from: 0, to: images.shape[0], by: batchSize) {
                let batch = images.slice(axis: 0, range: start..<min(start + batchSize, images.shape[0]))
                let batchFeatures = network.features(batch)
                features.append(batchFeatures)
                logits.append(network.logits(features: batchFeatures))
            }
            return (Tensor.concatenated(features), Tensor.concatenated(logits))
        }
    }

    /// The fraction of `dataset`'s images (scaled to [−1, 1]) the network classifies as their label.
    public func classifierAccuracy(_ dataset: ImageDataset) throws -> Float {
        guard dataset.imageShape == MNISTConvNet.imageShape else {
            throw FeatureExtractorError("expected a data set of 1×28×28 images, got images of shape \(dataset.imageShape)")
        }
        guard dataset.count > 0 else { throw FeatureExtractorError("expected a data set with at least one image, got none") }
        return network.evaluate(images: dataset.images(scaling: .minusOneToOne), labels: dataset.labels, batchSize: batchSize).accuracy
    }

    /// Throws unless `images` is `[N ≥ 1, 1, 28, 28]` with finite values in [−1, 1].
    static func checkImages(_ images: Tensor) throws {
        guard images.rank == 4, images.shape[0] >= 1, Array(images.shape.dropFirst()) == MNISTConvNet.imageShape else {
            throw FeatureExtractorError("expected images of shape [N, 1, 28, 28] with N ≥ 1, got \(images.shape)")
        }
        let outside = images.withValues { values in values.firstIndex { !($0 >= -1 && $0 <= 1) } }
        if let outside {
            throw FeatureExtractorError("""
                expected image values in [−1, 1] (pixels scaled as (p / 255 − 0.5) / 0.5), \
                got \(images.values[outside]) at index \(outside)
                """)
        }
    }
}

/// Why a feature extractor could not be made or could not take its input.
public struct FeatureExtractorError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, naming the file or value and what was expected.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
