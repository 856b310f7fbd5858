import Foundation
import LatentData
import LatentMetrics

/// The reference statistics cache that applies to `latent eval --reference NAME`: for a data set split (the
/// split's files) or a folder of images (every file in it, hidden ones aside), none for a statistics file.
enum ReferenceCacheLookup {
    /// The cache for `reference` through the Inception or the digit extractor, or nil when the reference is not data.
    static func cache(reference: String, inception: Bool, dataDirectory: String?) throws -> ReferenceStatisticsCache? {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory)
        let data: (label: String, directory: URL, files: [URL])
        if let (dataset, split) = EvaluationInput.datasetSplit(reference), !exists {
            let directory = URL(fileURLWithPath: try DatasetCatalog().directory(for: dataset, explicit: dataDirectory))
            let names = MNIST.fileNames(split)
            let files = [names.images, names.images + ".gz", names.labels, names.labels + ".gz"]
                .map { directory.appendingPathComponent($0) }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            data = (reference, directory, files)
        } else if exists, isDirectory.boolValue, !FileManager.default.fileExists(atPath: reference + "/config.yaml") {
            let directory = URL(fileURLWithPath: reference)
            data = ("folder", directory, try visibleFiles(in: directory))
        } else {
            return nil
        }
        let checksum = try ReferenceStatisticsCache.dataChecksum(label: data.label, files: data.files, base: data.directory)
        return ReferenceStatisticsCache(
            extractorID: try extractorID(inception: inception, reference: reference), dataChecksum: checksum,
            directories: [ReferenceStatisticsCache.folder(nextTo: data.directory), ReferenceStatisticsCache.userFolder()])
    }

    /// `inception-` or `digits-VARIANT-` and the first 16 hex digits of the weights' SHA-256 (the Inception weights
    /// are checked against their published digest when loaded).
    static func extractorID(inception: Bool, reference: String) throws -> String {
        if inception { return "inception-" + InceptionWeights.sha256.prefix(16) }
        let variant: MNISTVariant = reference.hasPrefix("fashion-mnist") ? .fashionMNIST : .mnist
        let weights = try DigitFeatureExtractor.locateShippedWeights(variant)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: weights))
        return "digits-\(variant.rawValue)-" + SHA256.hexDigest([UInt8](bytes)).prefix(16)
    }

    /// The regular files under `directory`, hidden names (and what is inside hidden folders) left out, sorted by path.
    static func visibleFiles(in directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw CommandFailure("\(directory.path): cannot list the folder's files")
        }
        var files: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
