import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a download is doing, reported as it goes.
public enum DownloadEvent: Sendable, Equatable {
    /// `file` is being fetched from `url`; its size is `expectedBytes` when known.
    case started(file: String, url: URL, expectedBytes: Int?)
    /// `bytes` of `file` have arrived so far.
    case received(file: String, bytes: Int, expectedBytes: Int?)
    /// `file` matched its checksum and is in place.
    case verified(file: String)
    /// `file`, for which no checksum is published, is in place unchecked.
    case unverified(file: String)
    /// `name` (a file or unpacked folder) was already present and complete, so it was not fetched again.
    case alreadyPresent(name: String)
    /// An archive's files were written into `folder`.
    case unpacked(folder: String)
}

/// Fetching data sets from their publishers into a local directory.
///
/// Every file is downloaded to a hidden temporary file beside its final place, checked against the published
/// checksum, and only then renamed into place; a file that fails the check is deleted, so the directory never
/// holds a partial or corrupt file under its real name. Files already present with the right checksum are kept.
/// Transfers use the `curl` program.
public enum DatasetDownload {
    /// The names of the data sets that can be downloaded.
    public static var names: [String] { DownloadSource.builtIn.keys.sorted() }

    /// Fetches the data set `name` (one of `names`) into `directory` (created when
    /// missing), from `baseURL` instead of the publishers' mirrors when given.
    public static func fetch(
        _ name: String, into directory: URL, baseURL: URL? = nil, progress: ((DownloadEvent) -> Void)? = nil
    ) throws {
        guard let source = DownloadSource.builtIn[name] else {
            throw DataError("no download for data set \"\(name)\"; downloadable: \(names.joined(separator: ", "))")
        }
        try fetch(baseURL.map(source.fetching(from:)) ?? source, into: directory, progress: progress)
    }

    /// Fetches every file of `source` into `directory` and unpacks it as the source says.
    public static func fetch(_ source: DownloadSource, into directory: URL, progress: ((DownloadEvent) -> Void)? = nil) throws {
        let report = progress ?? { _ in }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: directory.path, "cannot create the download directory (\(error.localizedDescription))")
        }
        if case .tarGzip(let folder, let members) = source.unpacking, isUnpacked(folder, members, in: directory) {
            report(.alreadyPresent(name: folder))
            return
        }
        for file in source.files {
            let path = directory.appendingPathComponent(file.name).path
            if case .archive(file.name, let folder, _) = source.unpacking, FileBytes.directoryExists(directory.appendingPathComponent(folder).path) {
                report(.alreadyPresent(name: folder))
                continue
            }
            if FileBytes.fileExists(path), (try? file.checksum.verify(file: path, path: path, origin: path)) != nil {
                report(.alreadyPresent(name: file.name))
            } else {
                try download(file, from: source, to: path, report: report)
            }
            let unpacked: String
            switch source.unpacking {
            case .tarGzip(let folder, let members):
                try unpack(path, folder: folder, members: members, into: directory)
                unpacked = folder
            case .archive(file.name, let folder, let limits):
                try ArchiveUnpacking.unpack(path, folder: folder, into: directory.path, limits: limits)
                unpacked = folder
            case .archive, .none:
                continue
            }
            try? FileManager.default.removeItem(atPath: path)
            report(.unpacked(folder: unpacked))
        }
    }

    /// Fetches `file` from the first of the source's mirrors that serves it with the right checksum and renames it
    /// to `path`.
    private static func download(_ file: RemoteFile, from source: DownloadSource, to path: String, report: (DownloadEvent) -> Void) throws {
        guard !source.mirrors.isEmpty else {
            throw DataError(file: path, "no mirror serves \(source.name)'s files by plain URL; \(source.manualInstructions ?? "fetch them by hand")")
        }
        let temporary = (path as NSString).deletingLastPathComponent + "/.\(file.name).download-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var failures: [String] = []
        for mirror in source.mirrors {
            let url = mirror.appendingPathComponent(file.name)
            do {
                report(.started(file: file.name, url: url, expectedBytes: file.size))
                try CurlTransfer.fetch(url, to: temporary) { report(.received(file: file.name, bytes: $0, expectedBytes: file.size)) }
                try file.checksum.verify(file: temporary, path: path, origin: url.absoluteString)
                guard rename(temporary, path) == 0 else {
                    throw DataError(file: path, "cannot move the verified download into place (\(String(cString: strerror(errno))))")
                }
                report(file.checksum == .notPublished ? .unverified(file: file.name) : .verified(file: file.name))
                return
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                failures.append("\(error)")
            }
        }
        guard failures.count > 1 else { throw DataError(failures.first ?? "\(path): no mirror to download from") }
        throw DataError(file: path, "could not be fetched from any mirror:\n" + failures.map { "  - " + $0 }.joined(separator: "\n"))
    }

    /// Whether `directory/folder` holds every member with its expected size.
    private static func isUnpacked(_ folder: String, _ members: [String: Int], in directory: URL) -> Bool {
        let base = directory.appendingPathComponent(folder).path
        return members.allSatisfy { name, size in
            FileBytes.fileExists(base + "/" + name) && CurlTransfer.fileSize(base + "/" + name) == size
        }
    }

    /// Writes the members of the gzip-compressed tar archive at `archive` that lie in `folder` into
    /// `directory/folder`, through a temporary folder renamed into place once every member is written.
    private static func unpack(_ archive: String, folder: String, members: [String: Int], into directory: URL) throws {
        let files = try TarArchive.files(in: Gzip.decompress(FileBytes.read(archive), name: archive), name: archive)
        var contents: [String: ArraySlice<UInt8>] = [:]
        for file in files {
            let path = file.path.hasPrefix("./") ? String(file.path.dropFirst(2)) : file.path
            contents[path] = file.contents
        }
        let target = directory.appendingPathComponent(folder).path
        let temporary = directory.path + "/.\(folder).unpack-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        for (name, size) in members.sorted(by: { $0.key < $1.key }) {
            guard let bytes = contents[folder + "/" + name] else {
                throw DataError(file: archive, "the archive has no \(folder)/\(name)")
            }
            guard bytes.count == size else {
                throw DataError(file: archive, "\(folder)/\(name) in the archive is \(bytes.count) bytes, expected \(size)")
            }
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: temporary + "/" + name))
            } catch {
                throw DataError(file: temporary + "/" + name, "cannot be written (\(error.localizedDescription))")
            }
        }
        try? FileManager.default.removeItem(atPath: target)
        guard rename(temporary, target) == 0 else {
            throw DataError(file: target, "cannot move the unpacked files into place (\(String(cString: strerror(errno))))")
        }
    }
}
