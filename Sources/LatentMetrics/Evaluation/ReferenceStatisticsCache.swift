import Foundation
import LatentData
import LatentNN

/// The mean and covariance of a reference set's features kept on disk, so that evaluating against the same
/// reference again does not run the extractor over it again.
///
/// A cache file is a statistics file as `FeatureStatistics.save(to:)` writes it (Float64 `mu` and `sigma`), named
/// `EXTRACTOR-CHECKSUM.safetensors` after the extractor (whose id includes a digest of its weights) and the
/// first 16 hex digits of the reference data's checksum, both also recorded in full in its metadata. Files
/// are looked for in `directories` in order (next to the data first, then the user cache), and written to the
/// first of them that can be written. A file that cannot be read or whose metadata does not match is ignored
/// with a warning and rewritten.
public struct ReferenceStatisticsCache: Sendable {
    /// What `statistics(warn:compute:)` did.
    public enum Outcome: Sendable, Equatable {
        /// The statistics were read from this file.
        case read(URL)
        /// The statistics were computed and written to this file (nil when no directory could be written).
        case computed(storedIn: URL?)
    }

    /// The extractor's id, such as `inception-1187e428a82651e9`.
    public let extractorID: String
    /// The SHA-256 of the reference data (see `dataChecksum(label:files:)`).
    public let dataChecksum: String
    /// Where cache files are looked for and written, in order.
    public let directories: [URL]

    /// The metadata keys recording the extractor and the data checksum.
    static let extractorKey = "extractor", dataKey = "data_sha256"

    /// A cache for the reference data with `dataChecksum`, through the extractor `extractorID`, kept in
    /// `directories` in order of preference.
    public init(extractorID: String, dataChecksum: String, directories: [URL]) {
        self.extractorID = extractorID
        self.dataChecksum = dataChecksum
        self.directories = directories
    }

    /// The cache folder inside (or beside) a data directory: `DIR/.fid-stats`.
    public static func folder(nextTo dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent(".fid-stats", isDirectory: true)
    }

    /// The cache folder in the user cache: `$XDG_CACHE_HOME/latent/fid-stats` (default `~/.cache/latent/fid-stats`).
    public static func userFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: DatasetCatalog.defaultCacheDirectory(environment: environment), isDirectory: true)
            .deletingLastPathComponent().appendingPathComponent("fid-stats", isDirectory: true)
    }

    /// The cache file's name.
    public var fileName: String { "\(extractorID)-\(dataChecksum.prefix(16)).safetensors" }

    /// The reference statistics: read from the first cache file that holds them, else made by `compute` and,
    /// when `storing`, written to the cache. Problems with cache files are passed to `warn`; they never fail the
    /// evaluation.
    public func statistics(
        storing: Bool = true, warn: (String) -> Void, compute: () throws -> FeatureStatistics
    ) throws -> (FeatureStatistics, Outcome) {
        for directory in directories {
            let url = directory.appendingPathComponent(fileName)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                return (try read(url), .read(url))
            } catch {
                warn("ignoring the cached reference statistics \(url.path): \(error); computing them again")
            }
        }
        let statistics = try compute()
        return (statistics, .computed(storedIn: storing ? store(statistics, warn: warn) : nil))
    }

    /// Writes `statistics` to the first directory that can be written and returns the file, or nil (after
    /// warning) when none can.
    public func store(_ statistics: FeatureStatistics, warn: (String) -> Void) -> URL? {
        var problems: [String] = []
        for directory in directories {
            let url = directory.appendingPathComponent(fileName)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try statistics.save(to: url, metadata: [Self.extractorKey: extractorID, Self.dataKey: dataChecksum])
                return url
            } catch {
                problems.append("\(directory.path): \(error)")
            }
        }
        warn("the reference statistics could not be cached (\(problems.joined(separator: "; ")))")
        return nil
    }

    /// The statistics in `url`, provided its metadata names this extractor and data checksum.
    private func read(_ url: URL) throws -> FeatureStatistics {
        let metadata = try SafeTensors(contentsOf: url).metadata
        guard metadata[Self.extractorKey] == extractorID, metadata[Self.dataKey] == dataChecksum else {
            throw MetricError.invalidStatisticsFile(path: url.path, problem: """
                it was made by extractor \(metadata[Self.extractorKey] ?? "?") from data \(metadata[Self.dataKey] ?? "?"), \
                expected \(extractorID) and \(dataChecksum)
                """)
        }
        return try FeatureStatistics.load(from: url)
    }

    /// A SHA-256 over `label` (what the data is, such as `mnist-test`) and, for each file in order, its name
    /// relative to `base` and the SHA-256 of its bytes: a folder's sorted file names and contents.
    public static func dataChecksum(label: String, files: [URL], base: URL) throws -> String {
        var summary = Array(label.utf8) + [0]
        let prefix = base.standardizedFileURL.path + "/"
        for file in files {
            let path = file.standardizedFileURL.path
            let name = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            let bytes: Data
            do {
                bytes = try Data(contentsOf: file)
            } catch {
                throw DataError(file: file.path, "cannot be read for the reference checksum (\(error.localizedDescription))")
            }
            summary += Array(name.utf8) + [0] + Array(SHA256.hexDigest([UInt8](bytes)).utf8) + [0]
        }
        return SHA256.hexDigest(summary)
    }
}
