import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The most an archive may unpack to, so that a hostile archive (a zip bomb) is refused before it fills the disk.
public struct UnpackLimits: Sendable, Equatable {
    /// The most entries the archive may hold.
    public let maximumMembers: Int
    /// The most bytes its unpacked files may take together.
    public let maximumBytes: Int

    /// Limits of `maximumMembers` entries and `maximumBytes` unpacked bytes.
    public init(maximumMembers: Int, maximumBytes: Int) {
        self.maximumMembers = maximumMembers
        self.maximumBytes = maximumBytes
    }

    /// Room for the published data sets (CelebA: 202,599 images; STL-10: 2.9 GB) and no more than a few times it.
    public static let dataSets = UnpackLimits(maximumMembers: 1_000_000, maximumBytes: 16 << 30)
}

/// Writing every regular file under one top folder of an archive (zip, or gzip-compressed tar) into
/// `DIRECTORY/folder`, through a temporary folder renamed into place once every file is written, so that an
/// interrupted or refused unpacking leaves no partial data set.
///
/// Entries with an absolute path or a `..` component, links, encrypted entries and unknown compression methods
/// are refused with a message naming the archive and the entry.
enum ArchiveUnpacking {
    /// Unpacks the files under `folder/` of the archive at `archive` (a `.zip`, else a gzip-compressed tar) into
    /// `directory/folder`, replacing what was there.
    static func unpack(_ archive: String, folder: String, into directory: String, limits: UnpackLimits) throws {
        let target = directory + "/" + folder
        let temporary = directory + "/.\(folder).unpack-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try createDirectory(temporary)
        if archive.hasSuffix(".zip") {
            try unpackZip(archive, folder: folder, into: temporary, limits: limits)
        } else {
            try unpackTarGzip(archive, folder: folder, into: temporary, limits: limits)
        }
        try? FileManager.default.removeItem(atPath: target)
        guard rename(temporary, target) == 0 else {
            throw DataError(file: target, "cannot move the unpacked files into place (\(String(cString: strerror(errno))))")
        }
    }

    /// The path of the entry `path` below `folder/`, nil for an entry outside it (or the folder itself).
    /// Throws for a path that could point outside the unpacked folder.
    static func relativePath(_ path: String, under folder: String, archive: String) throws -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !path.hasPrefix("/"), !components.contains(".."), !path.contains("\\"), !path.contains("\0") else {
            throw DataError(file: archive, "entry \"\(path)\" has an absolute path, a \"..\" component or a backslash; the archive is refused")
        }
        guard components.count > 1, components[0] == folder else { return nil }
        return components.dropFirst().joined(separator: "/")
    }

    /// Writes the zip archive's files under `folder/` into `temporary`.
    private static func unpackZip(_ archive: String, folder: String, into temporary: String, limits: UnpackLimits) throws {
        let zip = try ZipArchive(bytes: FileBytes.read(archive), name: archive)
        for (path, entry) in try zip.files(under: folder, limits: limits) {
            try write(zip.contents(of: entry), to: temporary + "/" + path)
        }
    }

    /// Writes the gzip-compressed tar archive's regular files under `folder/` into `temporary`, reading it a
    /// piece at a time.
    private static func unpackTarGzip(_ archive: String, folder: String, into temporary: String, limits: UnpackLimits) throws {
        let reader = try GzipReader(path: archive)
        var pendingPath: String?
        var (members, total) = (0, 0)
        while true {
            let offset = reader.position
            let block = try reader.read(TarArchive.blockSize)
            if block.isEmpty || block.allSatisfy({ $0 == 0 }) { break }  // the end (some writers omit the marker)
            guard block.count == TarArchive.blockSize else {
                throw DataError(file: archive, "truncated tar archive: the header at byte \(offset) is incomplete")
            }
            let header = try TarArchive.Header(block[...], at: offset, name: archive)
            members += 1
            guard members <= limits.maximumMembers else {
                throw DataError(file: archive, "holds more than the \(limits.maximumMembers) entries allowed")
            }
            let padding = (TarArchive.blockSize - header.size % TarArchive.blockSize) % TarArchive.blockSize
            let path = pendingPath ?? header.storedPath
            var relative: String?
            switch header.type {
            case UInt8(ascii: "L"), UInt8(ascii: "x"):
                guard header.size <= 1 << 20 else {
                    throw DataError(file: archive, "the extended header at byte \(offset) is \(header.size) bytes, more than 1 MiB")
                }
                let contents = try readExactly(reader, header.size, at: offset)
                pendingPath = header.type == UInt8(ascii: "L") ? TarArchive.text(contents[...]) : TarArchive.paxPath(contents[...]) ?? pendingPath
            case _ where header.isLink:
                if try relativePath(path, under: folder, archive: archive) != nil {
                    throw DataError(file: archive, "entry \"\(path)\" is a link; the archive is refused")
                }
                pendingPath = nil
                try skip(reader, header.size, at: offset)
            case _ where header.isRegularFile:
                relative = try relativePath(path, under: folder, archive: archive)
                pendingPath = nil
            default:
                pendingPath = nil
                try skip(reader, header.size, at: offset)
            }
            if let relative {
                total = try addingBytes(total, header.size, limits: limits, archive: archive)
                try copy(reader, header.size, at: offset, to: temporary + "/" + relative)
            } else if header.isRegularFile {
                try skip(reader, header.size, at: offset)
            }
            try skip(reader, padding, at: offset)
        }
    }

    /// `total + size`, throwing when it passes the limit.
    static func addingBytes(_ total: Int, _ size: Int, limits: UnpackLimits, archive: String) throws -> Int {
        let (sum, overflow) = total.addingReportingOverflow(size)
        guard !overflow, sum <= limits.maximumBytes else {
            throw DataError(file: archive, "unpacks to more than the \(limits.maximumBytes) bytes allowed; the archive is refused")
        }
        return sum
    }

    /// The next `count` bytes of the archive; throws when it ends before.
    private static func readExactly(_ reader: GzipReader, _ count: Int, at offset: Int) throws -> [UInt8] {
        let bytes = try reader.read(count)
        guard bytes.count == count else {
            throw DataError(file: reader.name, "truncated tar archive: the entry at byte \(offset) needs \(count) bytes, \(bytes.count) remain")
        }
        return bytes
    }

    /// Reads past the next `count` bytes of the archive.
    private static func skip(_ reader: GzipReader, _ count: Int, at offset: Int) throws {
        var left = count
        while left > 0 {
            let piece = Swift.min(left, 1 << 20)
            _ = try readExactly(reader, piece, at: offset)
            left -= piece
        }
    }

    /// Writes the next `count` bytes of the archive to a new file at `path`.
    private static func copy(_ reader: GzipReader, _ count: Int, at offset: Int, to path: String) throws {
        try createDirectory((path as NSString).deletingLastPathComponent)
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw DataError(file: path, "cannot be created")
        }
        defer { try? file.close() }
        var left = count
        repeat {
            let piece = Swift.min(left, 1 << 20)
            let bytes = try readExactly(reader, piece, at: offset)
            do {
                try file.write(contentsOf: bytes)
            } catch {
                throw DataError(file: path, "cannot be written (\(error.localizedDescription))")
            }
            left -= piece
        } while left > 0
    }

    /// Writes `bytes` to a new file at `path`, creating its folders.
    private static func write(_ bytes: [UInt8], to path: String) throws {
        try createDirectory((path as NSString).deletingLastPathComponent)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DataError(file: path, "cannot be written (\(error.localizedDescription))")
        }
    }

    /// Creates the folder `path` and its parents.
    private static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: path, "cannot be created (\(error.localizedDescription))")
        }
    }
}

extension ZipArchive {
    /// The files under `folder/` with their paths below it, checked against `limits` before anything is unpacked.
    /// Throws, naming the archive and the entry, for an unsafe path, a symbolic link or a path given twice, and
    /// when the archive holds too many entries or its files add up to too many bytes.
    public func files(under folder: String, limits: UnpackLimits) throws -> [(path: String, entry: Entry)] {
        guard entries.count <= limits.maximumMembers else {
            throw DataError(file: name, "holds \(entries.count) entries, more than the \(limits.maximumMembers) allowed")
        }
        var planned: [(path: String, entry: Entry)] = []
        var seen = Set<String>()
        var total = 0
        for entry in entries {
            guard let path = try ArchiveUnpacking.relativePath(entry.path, under: folder, archive: name), !entry.isDirectory else { continue }
            guard !entry.isSymbolicLink else {
                throw DataError(file: name, "entry \"\(entry.path)\" is a symbolic link; the archive is refused")
            }
            guard seen.insert(path).inserted else {
                throw DataError(file: name, "entry \"\(entry.path)\" appears twice; the archive is refused")
            }
            total = try ArchiveUnpacking.addingBytes(total, entry.size, limits: limits, archive: name)
            planned.append((path, entry))
        }
        return planned
    }
}
