import Foundation
import LatentData
import Testing

@Suite struct TarArchiveTests {
    /// The archive that the tar program makes of `files` (relative path → contents) in `format`.
    static func tar(_ files: [String: [UInt8]], format: String) throws -> [UInt8] {
        let root = try TestFiles.makeDirectory()
        defer { TestFiles.remove(root) }
        for (path, contents) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try TestFiles.write(contents, to: full)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "--format=\(format)", "-C", root, "-cf", "-"] + files.keys.sorted()
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let archive = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](archive)
    }

    @Test func readsGNUAndPaxArchivesWithLongNames() throws {
        let long = String(repeating: "deep/", count: 25) + "file.bin"
        let files: [String: [UInt8]] = [
            "folder/a.bin": [1, 2, 3], "folder/empty.bin": [], long: (0..<1000).map { UInt8($0 % 251) },
        ]
        for format in ["gnu", "pax"] {
            let found = try TarArchive.files(in: Self.tar(files, format: format), name: "test.tar")
            #expect(Set(found.map(\.path)) == Set(files.keys), "\(format)")
            for file in found { #expect(Array(file.contents) == files[file.path], "\(format) \(file.path)") }
        }
        // POSIX ustar splits a path of up to 255 bytes into prefix and name.
        let split = String(repeating: "p", count: 90) + "/" + String(repeating: "n", count: 90)
        let found = try TarArchive.files(in: Self.tar([split: [9]], format: "ustar"), name: "test.tar")
        #expect(found.map(\.path) == [split] && found.first.map { Array($0.contents) } == [9])
    }

    @Test func corruptAndTruncatedArchivesAreNamed() throws {
        var archive = try Self.tar(["x.bin": [UInt8](repeating: 7, count: 600)], format: "gnu")
        let truncated = Array(archive.prefix(700))
        #expect(dataErrorMessage { _ = try TarArchive.files(in: truncated, name: "cut.tar") }
            == "cut.tar: truncated tar archive: the entry at byte 0 needs 600 bytes, 188 remain")
        archive[0] ^= 0x20
        #expect(dataErrorMessage { _ = try TarArchive.files(in: archive, name: "bad.tar") }?
            .hasPrefix("bad.tar: corrupt tar header at byte 0: checksum ") == true)
    }

    /// A base-256 size whose bits do not fit an `Int` used to wrap to a negative size and trap on slicing.
    @Test func aBase256SizeBeyondSixtyThreeBitsIsRefused() throws {
        var archive = try Self.tar(["x.bin": [1, 2, 3]], format: "gnu")
        archive.replaceSubrange(124..<136, with: [UInt8](repeating: 0xFF, count: 12))
        archive.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = archive[0..<512].reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        archive.replaceSubrange(148..<155, with: Array((String(repeating: "0", count: 6 - digits.count) + digits).utf8) + [0])
        #expect(dataErrorMessage { _ = try TarArchive.files(in: archive, name: "huge.tar") }
            == "huge.tar: corrupt tar header at byte 0: the base-256 number in the field at 124 does not fit 63 bits")
    }
}
