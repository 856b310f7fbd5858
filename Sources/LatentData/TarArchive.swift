import Foundation

/// Reading the regular files of a tar archive in the formats `tar` writes (POSIX ustar and pax, GNU), so that
/// downloaded archives are unpacked in process, without running a program and without following the archive's
/// directories, links or absolute paths anywhere.
public enum TarArchive {
    /// A regular file stored in an archive.
    public struct File: Sendable {
        /// Its path inside the archive, as stored (`folder/name`).
        public let path: String
        /// Its contents.
        public let contents: ArraySlice<UInt8>
    }

    /// The size of a header and the unit in which entries are padded.
    static let blockSize = 512

    /// What one header block says about its entry.
    struct Header {
        /// The entry's size in bytes (its contents follow, padded to whole blocks).
        let size: Int
        /// The type flag: `0` or `"0"`/`"7"` a regular file, `"L"` a GNU long name, `"x"` a pax header, …
        let type: UInt8
        /// The path stored in the header itself (a preceding long-name or pax entry may replace it).
        let storedPath: String

        /// Reads the header `block` found at byte `offset` of the archive `name`; throws when its checksum or
        /// size field is corrupt.
        init(_ block: ArraySlice<UInt8>, at offset: Int, name: String) throws {
            try checkChecksum(block, at: offset, name: name)
            size = try number(block, 124, 12, at: offset, name: name)
            type = block[block.startIndex + 156]
            storedPath = TarArchive.storedPath(block)
        }

        /// Whether the entry is a regular file.
        var isRegularFile: Bool { type == 0 || type == UInt8(ascii: "0") || type == UInt8(ascii: "7") }
        /// Whether the entry is a hard or symbolic link.
        var isLink: Bool { type == UInt8(ascii: "1") || type == UInt8(ascii: "2") }
    }

    /// The regular files of the (uncompressed) archive `bytes`, in archive order; directories, links and
    /// other entries are skipped. `name` is the archive, for error messages.
    ///
    /// Throws when a header's checksum is wrong or an entry runs past the end of the archive.
    public static func files(in bytes: [UInt8], name: String) throws -> [File] {
        var files: [File] = []
        var offset = 0
        var pendingPath: String?
        while offset + blockSize <= bytes.count {
            let header = bytes[offset..<(offset + blockSize)]
            if header.allSatisfy({ $0 == 0 }) { break }  // the end-of-archive marker
            let entry = try Header(header, at: offset, name: name)
            let size = entry.size
            let start = offset + blockSize
            guard size <= bytes.count - start else {
                throw DataError(file: name, "truncated tar archive: the entry at byte \(offset) needs \(size) bytes, \(bytes.count - start) remain")
            }
            let contents = bytes[start..<(start + size)]
            switch entry.type {
            case UInt8(ascii: "L"):  // GNU: the next entry's long name
                pendingPath = text(contents)
            case UInt8(ascii: "x"):  // pax: the next entry's extended header, which may hold its path
                pendingPath = paxPath(contents) ?? pendingPath
            case _ where entry.isRegularFile:
                files.append(File(path: pendingPath ?? entry.storedPath, contents: contents))
                pendingPath = nil
            default:
                pendingPath = nil
            }
            offset = start + (size + blockSize - 1) / blockSize * blockSize
        }
        return files
    }

    /// The path in a header: the name, after the prefix field when the header is POSIX ustar.
    private static func storedPath(_ header: ArraySlice<UInt8>) -> String {
        let base = header.startIndex
        let name = text(header[base..<(base + 100)])
        let isPOSIX = Array(header[(base + 257)..<(base + 263)]) == Array("ustar\0".utf8)
        let prefix = isPOSIX ? text(header[(base + 345)..<(base + 500)]) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The `path` record of a pax extended header (records read `LENGTH path=VALUE\n`).
    static func paxPath(_ contents: ArraySlice<UInt8>) -> String? {
        for record in text(contents).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let field = record[record.index(after: space)...]
            if field.hasPrefix("path=") { return String(field.dropFirst(5)) }
        }
        return nil
    }

    /// A numeric header field: octal digits, or GNU's base-256 form for large values (high bit of the first byte set).
    private static func number(_ header: ArraySlice<UInt8>, _ field: Int, _ length: Int, at offset: Int, name: String) throws -> Int {
        let bytes = header[(header.startIndex + field)..<(header.startIndex + field + length)]
        if let first = bytes.first, first & 0x80 != 0 {
            var value = Int(first & 0x7F)
            for byte in bytes.dropFirst() {
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 256)
                guard !overflow else {
                    throw DataError(file: name, "corrupt tar header at byte \(offset): the base-256 number in the field at \(field) does not fit 63 bits")
                }
                value = shifted | Int(byte)
            }
            return value
        }
        let digits = text(bytes).trimmingCharacters(in: .whitespaces)
        guard let value = Int(digits.isEmpty ? "0" : digits, radix: 8), value >= 0 else {
            throw DataError(file: name, "corrupt tar header at byte \(offset): field at \(field) is \"\(digits)\", expected octal digits")
        }
        return value
    }

    /// Throws unless the header's checksum (the sum of its bytes, counting the checksum field as spaces) matches.
    private static func checkChecksum(_ header: ArraySlice<UInt8>, at offset: Int, name: String) throws {
        let recorded = try number(header, 148, 8, at: offset, name: name)
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        guard sum == recorded else {
            throw DataError(file: name, "corrupt tar header at byte \(offset): checksum \(recorded) recorded, \(sum) computed")
        }
    }

    /// The bytes up to the first NUL, as UTF-8 text.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
