import Foundation

/// A published checksum that a downloaded file must match.
public enum FileChecksum: Sendable, Equatable {
    /// An MD5 digest as 32 hexadecimal digits (what MNIST, Fashion-MNIST and CIFAR-10 publish).
    case md5(String)
    /// A SHA-256 digest as 64 hexadecimal digits.
    case sha256(String)
    /// No checksum is published for the file (pix2pix's archives): it is used unchecked.
    case notPublished

    /// Throws unless the file at `file` (read a piece at a time, so that archives larger than memory can be
    /// checked), fetched from `origin`, has this checksum; `path` is the name the error gives it.
    public func verify(file: String, path: String, origin: String) throws {
        let (kind, expected, (found, size)) = switch self {
        case .md5(let digest): ("MD5", digest.lowercased(), try MD5.hexDigest(ofFile: file))
        case .sha256(let digest): ("SHA-256", digest.lowercased(), try SHA256.hexDigest(ofFile: file))
        case .notPublished: ("", "", ("", 0))
        }
        guard found == expected else {
            throw DataError(file: path, """
                \(kind) mismatch for the \(size) bytes fetched from \(origin): expected \(expected), found \(found); \
                the download is corrupt or the file changed at its source
                """)
        }
    }
}

/// One file of a data set as published: its name (the same at the source and on disk), checksum and size.
public struct RemoteFile: Sendable, Equatable {
    /// The file name, appended to a mirror's base URL and used for the local copy.
    public let name: String
    /// The checksum it must match.
    public let checksum: FileChecksum
    /// Its size in bytes when known, for progress reports.
    public let size: Int?

    /// A file with the given name, checksum and size.
    public init(name: String, checksum: FileChecksum, size: Int? = nil) {
        self.name = name
        self.checksum = checksum
        self.size = size
    }
}

/// Where a data set's files are published and how they become the files its loader reads.
public struct DownloadSource: Sendable {
    /// What happens to the downloaded files.
    public enum Unpacking: Sendable, Equatable {
        /// The files are used as they are (MNIST's gzip-compressed IDX files).
        case none
        /// Each file is a gzip-compressed tar archive; the regular files `members` (name → size in bytes)
        /// inside its folder `folder` are written to `DIRECTORY/folder/`, and the archive is then deleted.
        case tarGzip(folder: String, members: [String: Int])
        /// The file called `archive` (a `.zip`, else a gzip-compressed tar) holds the data set's files under its
        /// top folder `folder`: every regular file there is written to `DIRECTORY/folder/` (within `limits`), and
        /// the archive is then deleted. The source's other files are used as they are.
        case archive(String, folder: String, limits: UnpackLimits = .dataSets)
    }

    /// The data set's name in the catalog.
    public let name: String
    /// Base URLs (ending in "/") tried in order until one serves a file with the right checksum.
    public let mirrors: [URL]
    /// The files to fetch, in order.
    public let files: [RemoteFile]
    /// What is done with the files once verified.
    public let unpacking: Unpacking
    /// How to obtain the files when no mirror serves them by plain URL (CelebA's Google Drive), for the error
    /// given when `mirrors` is empty.
    public let manualInstructions: String?

    /// A source of the given files.
    public init(name: String, mirrors: [URL], files: [RemoteFile], unpacking: Unpacking = .none, manualInstructions: String? = nil) {
        self.name = name
        self.mirrors = mirrors
        self.files = files
        self.unpacking = unpacking
        self.manualInstructions = manualInstructions
    }

    /// The same files fetched from `baseURL` alone (a local mirror, a `file://` folder, or a test server).
    public func fetching(from baseURL: URL) -> DownloadSource {
        DownloadSource(name: name, mirrors: [baseURL], files: files, unpacking: unpacking, manualInstructions: manualInstructions)
    }
}
