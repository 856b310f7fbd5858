import Foundation

/// A list of SHA-256 checksums in the format `sha256sum` writes (`DIGEST  NAME` per line), read from a
/// `SHA256SUMS` file; files are verified against it by name.
public struct ChecksumList: Sendable {
    /// The file name each lowercase hexadecimal digest belongs to.
    public let digests: [String: String]
    /// Where the list came from, for messages.
    public let source: String

    /// Parses the text of a checksum file; `source` names it in error messages.
    public init(parsing text: String, source: String) throws {
        var digests: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: " ", maxSplits: 1)
            let digest = parts[0].lowercased()
            guard parts.count == 2, digest.count == 64, digest.allSatisfy(\.isHexDigit) else {
                throw DataError(file: source, "line \(number + 1): expected a 64-digit SHA-256 and a file name, found \"\(trimmed)\"")
            }
            // sha256sum marks binary mode with a '*' before the name.
            var name = parts[1].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("*") { name.removeFirst() }
            digests[name] = digest
        }
        guard !digests.isEmpty else { throw DataError(file: source, "holds no checksums") }
        self.digests = digests
        self.source = source
    }

    /// Reads the checksum file at `path`.
    public init(contentsOf path: String) throws {
        let bytes = try FileBytes.read(path)
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), source: path)
    }

    /// Throws unless the SHA-256 of `bytes`, the contents of the file `name`, is the one listed for `name`.
    /// A name the list does not hold throws too: a file that is meant to be checked must be listed.
    public func verify(_ bytes: [UInt8], name: String, path: String) throws {
        guard let expected = digests[name] else {
            throw DataError(file: path, "has no checksum in \(source)")
        }
        let found = SHA256.hexDigest(bytes)
        guard found == expected else {
            throw DataError(file: path, """
                SHA-256 mismatch: expected \(expected) (from \(source)), found \(found); \
                the file is corrupt or was changed
                """)
        }
    }
}
