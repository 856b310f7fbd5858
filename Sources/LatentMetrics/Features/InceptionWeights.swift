import Foundation
import LatentData

/// Why the FID Inception weights could not be found, verified or loaded, or why images were refused.
public struct InceptionError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The whole message, naming the file or value and what was expected.
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Where the FID Inception-v3 weights file is found, and its published checksum.
public enum InceptionWeights {
    /// The weights file's name, in the cache folder and in the shared data folder.
    public static let fileName = "fid-inception-v3.safetensors"
    /// The SHA-256 of the file that pytorch-fid's features are computed with.
    public static let sha256 = "1187e428a82651e94409755c27b92440b550fcfcd0a628d7ad802b646edce2ed"
    /// The environment variable that names a weights file.
    public static let environmentVariable = "LATENT_INCEPTION_WEIGHTS"

    /// The cached copy: `$XDG_CACHE_HOME/latent/fid-inception-v3.safetensors`, or
    /// `~/.cache/latent/fid-inception-v3.safetensors` when `XDG_CACHE_HOME` is unset.
    public static func cachePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cacheHome = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return cacheHome + "/latent/" + fileName
    }

    /// The weights file to use: `explicitPath` when given (the CLI's `--inception-weights FILE`), else
    /// the file `$LATENT_INCEPTION_WEIGHTS` names, else the cached copy (`cachePath`).
    ///
    /// The first of these that is set decides; a file that does not exist throws an error naming the
    /// paths looked at and how to get the weights.
    public static func locate(
        explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        let candidates: [(path: String, source: String)] = [
            explicitPath.map { ($0, "given explicitly") },
            environment[environmentVariable].flatMap { $0.isEmpty ? nil : ($0, "from $\(environmentVariable)") },
            (cachePath(environment: environment), "the cache"),
        ].compactMap { $0 }
        let chosen = candidates[0]
        guard FileManager.default.fileExists(atPath: chosen.path) else {
            throw InceptionError(message: """
                FID Inception weights not found: \(chosen.path) (\(chosen.source)) does not exist. \
                Get \(fileName) with `latent data download inception`, or copy it from the shared data folder \
                (data/inception/\(fileName)) to \(cachePath(environment: environment)), or name a copy with \
                --inception-weights FILE or $\(environmentVariable).
                """)
        }
        return URL(fileURLWithPath: chosen.path)
    }

    /// Throws unless the file at `url` has the published SHA-256 (`sha256`).
    public static func verify(_ url: URL) throws {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: url))
        } catch {
            throw InceptionError(message: "cannot read Inception weights \(url.path): \(error.localizedDescription)")
        }
        let digest = SHA256.hexDigest(bytes)
        guard digest == sha256 else {
            throw InceptionError(message: """
                \(url.path) is not the FID Inception-v3 weights file: its SHA-256 is \(digest), expected \(sha256). \
                FID computed with other weights does not compare with published values; pass verify: false \
                to use custom weights anyway.
                """)
        }
    }
}
