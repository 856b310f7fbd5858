import Foundation
import LatentData
import LatentTestSupport
import Testing

/// Whole archives unpacked by a download: zip (stored and deflate entries) and gzip-compressed tar, built here.
@Suite struct ArchiveUnpackingTests {
    /// One entry of a zip archive written by `zip(_:)`.
    struct Member {
        var path: String
        var contents: [UInt8] = []
        var deflate = false
        /// A Unix file mode recorded in the external attributes (host Unix), nil for none.
        var mode: Int?
        /// A CRC-32 to record instead of the right one.
        var wrongCRC: UInt32?
    }

    /// A zip archive of `members`; deflate data is the gzip program's output less its header and trailer.
    static func zip(_ members: [Member]) throws -> [UInt8] {
        let little = CraftedFiles.little
        var archive: [UInt8] = [], directory: [UInt8] = []
        for member in members {
            let name = Array(member.path.utf8), offset = archive.count
            let data = member.deflate ? Array(try TestFiles.gzip(member.contents).dropFirst(10).dropLast(8)) : member.contents
            var fields: [UInt8] = little(0, 2) + little(member.deflate ? 8 : 0, 2) + little(0, 4)  // flags, method, time, date
            fields += little(Int(member.wrongCRC ?? CraftedFiles.crc32(member.contents)), 4)
            fields += little(data.count, 4) + little(member.contents.count, 4) + little(name.count, 2) + little(0, 2)
            archive += little(0x0403_4B50, 4) + little(20, 2) + fields + name + data
            let madeBy = member.mode == nil ? 20 : 3 << 8 | 20
            directory += little(0x0201_4B50, 4) + little(madeBy, 2) + little(20, 2) + fields
            directory += little(0, 2) + little(0, 4) + little((member.mode ?? 0) << 16, 4) + little(offset, 4) + name
        }
        var end: [UInt8] = little(0x0605_4B50, 4) + little(0, 4)
        end += little(members.count, 2) + little(members.count, 2)
        end += little(directory.count, 4) + little(archive.count, 4) + little(0, 2)
        return archive + directory + end
    }

    /// Serves `bytes` as `archive` and fetches it with `unpacking` into a new directory, which is returned with
    /// the error message of the fetch (nil when it succeeded).
    static func fetch(_ bytes: [UInt8], as archive: String, folder: String, limits: UnpackLimits = .dataSets) throws -> (String, String?) {
        let served = try TestFiles.makeDirectory(), target = try TestFiles.makeDirectory()
        defer { TestFiles.remove(served) }
        try TestFiles.write(bytes, to: served + "/" + archive)
        let server = try LocalHTTPServer(serving: served)
        defer { server.stop() }
        let source = DownloadSource(name: "fixture", mirrors: [server.baseURL],
                                    files: [RemoteFile(name: archive, checksum: .sha256(SHA256.hexDigest(bytes)))],
                                    unpacking: .archive(archive, folder: folder, limits: limits))
        let message = dataErrorMessage { try DatasetDownload.fetch(source, into: URL(fileURLWithPath: target)) }
        return (target, message)
    }

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func zipEntriesUnderTheFolderAreUnpackedStoredAndDeflated() throws {
        let text = Array(String(repeating: "a stored line\n", count: 20).utf8)
        let repeated = (0..<5000).map { UInt8($0 % 7) }
        let archive = try Self.zip([
            Member(path: "data/"), Member(path: "data/a.txt", contents: text),
            Member(path: "data/sub/b.bin", contents: repeated, deflate: true), Member(path: "readme.txt", contents: [1]),
        ])
        let (target, message) = try Self.fetch(archive, as: "data.zip", folder: "data")
        defer { TestFiles.remove(target) }
        #expect(message == nil)
        #expect(try DatasetDownloadTests.listing(target) == ["data"])
        #expect(try Self.read(target + "/data/a.txt") == text)
        #expect(try Self.read(target + "/data/sub/b.bin") == repeated)
    }

    @Test func corruptCRCLeavesNoFolder() throws {
        let archive = try Self.zip([Member(path: "data/a.bin", contents: [1, 2, 3], deflate: true, wrongCRC: 7)])
        let (target, message) = try Self.fetch(archive, as: "data.zip", folder: "data")
        defer { TestFiles.remove(target) }
        #expect(message == "\(target)/data.zip: data/a.bin: CRC-32 mismatch: expected 00000007, found 55bc801d; the archive is corrupt")
        // The verified archive stays for another try; no folder, whole or partial, is left.
        #expect(try DatasetDownloadTests.listing(target) == ["data.zip"])
    }

    @Test func unsafePathsAndLinksAreRefused() throws {
        func refusal(_ member: Member) throws -> String? {
            let zip = try ZipArchive(bytes: Self.zip([member]), name: "x.zip")
            return dataErrorMessage { _ = try zip.files(under: "data", limits: .dataSets) }
        }
        #expect(try refusal(Member(path: "data/../../etc/passwd", contents: [1]))
            == "x.zip: entry \"data/../../etc/passwd\" has an absolute path, a \"..\" component or a backslash; the archive is refused")
        #expect(try refusal(Member(path: "/data/a", contents: [1]))?.contains("entry \"/data/a\" has an absolute path") == true)
        #expect(try refusal(Member(path: "data/link", contents: Array("/etc".utf8), mode: 0o120777))
            == "x.zip: entry \"data/link\" is a symbolic link; the archive is refused")
        #expect(try refusal(Member(path: "data/file", contents: [1], mode: 0o100644)) == nil)
    }

    @Test func archivesBeyondTheLimitsAreRefusedBeforeUnpacking() throws {
        let members = [Member(path: "data/a", contents: Array(repeating: 0, count: 60), deflate: true),
                       Member(path: "data/b", contents: Array(repeating: 0, count: 60), deflate: true)]
        let (target, message) = try Self.fetch(Self.zip(members), as: "bomb.zip", folder: "data",
                                               limits: UnpackLimits(maximumMembers: 10, maximumBytes: 100))
        defer { TestFiles.remove(target) }
        #expect(message == "\(target)/bomb.zip: unpacks to more than the 100 bytes allowed; the archive is refused")
        #expect(try DatasetDownloadTests.listing(target) == ["bomb.zip"])
        let zip = try ZipArchive(bytes: Self.zip(members), name: "bomb.zip")
        #expect(dataErrorMessage { _ = try zip.files(under: "data", limits: UnpackLimits(maximumMembers: 1, maximumBytes: 1000)) }
            == "bomb.zip: holds 2 entries, more than the 1 allowed")
    }

    @Test func truncatedCentralDirectoryIsRefused() throws {
        let whole = try Self.zip([Member(path: "data/a", contents: [1, 2]), Member(path: "data/b", contents: [3])])
        let end = whole.suffix(22), entries = whole.dropLast(22)
        // The end record still announces two entries, but the second entry's directory record is cut short.
        let truncated = Array(entries.dropLast(10)) + end
        #expect(dataErrorMessage { _ = try ZipArchive(bytes: truncated, name: "cut.zip") }
            == "cut.zip: the central directory of 104 bytes at byte 75 runs into the end record at byte 169; the archive is truncated or corrupt")
        #expect(dataErrorMessage { _ = try ZipArchive(bytes: Array(whole.dropLast(5)), name: "cut.zip") }
            == "cut.zip: not a zip archive: no end-of-central-directory record (truncated or not a zip file)")
    }

    @Test func tarGzipFolderIsUnpackedAsItStreams() throws {
        let long = "pkg/train/" + String(repeating: "long-", count: 30) + "name.jpg"
        let files: [String: [UInt8]] = [
            "pkg/train/1.jpg": [1, 2, 3], long: (0..<3000).map { UInt8($0 % 253) }, "pkg/val/2.jpg": [], "other/x": [9],
        ]
        let archive = try TestFiles.gzip(TarArchiveTests.tar(files, format: "pax"))
        let (target, message) = try Self.fetch(archive, as: "pkg.tar.gz", folder: "pkg")
        defer { TestFiles.remove(target) }
        #expect(message == nil)
        #expect(try DatasetDownloadTests.listing(target) == ["pkg"])
        #expect(try DatasetDownloadTests.listing(target + "/pkg/train").count == 2)
        #expect(try Self.read(target + "/" + long) == files[long])
        #expect(try Self.read(target + "/pkg/val/2.jpg").isEmpty)

        let (cut, refusal) = try Self.fetch(Array(archive.dropLast(40)), as: "pkg.tar.gz", folder: "pkg")
        defer { TestFiles.remove(cut) }
        #expect(refusal == "\(cut)/pkg.tar.gz: truncated gzip data: the compressed stream ends early")
        #expect(try DatasetDownloadTests.listing(cut) == ["pkg.tar.gz"])
    }

    @Test func aLinkInTheTarFolderIsRefused() throws {
        let root = try TestFiles.makeDirectory()
        defer { TestFiles.remove(root) }
        try FileManager.default.createDirectory(atPath: root + "/pkg", withIntermediateDirectories: true)
        try TestFiles.write([1], to: root + "/pkg/a")
        try FileManager.default.createSymbolicLink(atPath: root + "/pkg/link", withDestinationPath: "/etc/passwd")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-C", root, "-cf", root + "/pkg.tar", "pkg/a", "pkg/link"]
        try process.run()
        process.waitUntilExit()
        let archive = try TestFiles.gzip(Self.read(root + "/pkg.tar"))
        let (target, message) = try Self.fetch(archive, as: "pkg.tar.gz", folder: "pkg")
        defer { TestFiles.remove(target) }
        #expect(message == "\(target)/pkg.tar.gz: entry \"pkg/link\" is a link; the archive is refused")
        #expect(try DatasetDownloadTests.listing(target) == ["pkg.tar.gz"])
    }
}
