import CZlib

/// The entries of a zip archive (PyTorch's checkpoint format, Python wheels), read from its central
/// directory, with their contents stored or deflate-compressed and checked against their CRC-32.
/// Zip64 archives are read; encrypted entries, other compression methods and multi-disk archives are refused.
public struct ZipArchive: Sendable {
    /// One file in the archive.
    public struct Entry: Sendable {
        /// The path inside the archive.
        public let path: String
        /// The size of its contents once unpacked.
        public let size: Int
        /// Whether it is a symbolic link (a Unix host's file type in its external attributes).
        public let isSymbolicLink: Bool
        /// Whether it is a folder (its path ends in "/").
        public var isDirectory: Bool { path.hasSuffix("/") }
        let method: Int
        let compressedSize: Int
        let crc32: UInt32
        let localHeaderOffset: Int
    }

    /// The archive's file name, for errors.
    public let name: String
    /// The entries in central-directory order.
    public let entries: [Entry]
    /// The position in `entries` of each path's first entry: a lookup per storage must not scan every entry.
    private let positions: [String: Int]
    private let bytes: [UInt8]
    /// The "version made by" host number of Unix, whose external attributes hold a file mode in their high 16 bits.
    private static let unixHost = 3

    /// Whether `bytes` start like a zip archive (a local file header).
    public static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The archive held in `bytes`, read from the file `name`. Throws when no valid central directory is found.
    public init(bytes: [UInt8], name: String) throws {
        self.name = name
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(bytes, name: name)
        var cursor = ByteCursor(bytes, at: end.offset, context: name)
        var entries: [Entry] = []
        for index in 0..<end.count {
            let what = "central directory entry \(index)"
            guard try cursor.unsigned(4, what) == 0x0201_4B50 else {
                throw DataError(file: name, "zip \(what) at byte \(cursor.position - 4) has no central directory signature")
            }
            let host = try cursor.count(2, what) >> 8
            _ = try cursor.take(2, what)
            let flags = try cursor.count(2, what), method = try cursor.count(2, what)
            _ = try cursor.take(4, what)
            let crc = UInt32(try cursor.unsigned(4, what))
            var compressed = try cursor.count(4, what), size = try cursor.count(4, what)
            let nameLength = try cursor.count(2, what), extraLength = try cursor.count(2, what)
            let commentLength = try cursor.count(2, what)
            _ = try cursor.take(4, what)
            let attributes = try cursor.unsigned(4, what)
            var offset = try cursor.count(4, what)
            let path = String(decoding: try cursor.take(nameLength, what), as: UTF8.self)
            var extra = ByteCursor(Array(try cursor.take(extraLength, what)), context: name)
            _ = try cursor.take(commentLength, what)
            // Sizes and offset at their 32-bit maximum are in the zip64 extra field, in this order.
            while !extra.isAtEnd {
                let tag = try extra.unsigned(2, "extra field of \(path)"), length = try extra.count(2, "extra field of \(path)")
                var field = ByteCursor(Array(try extra.take(length, "extra field of \(path)")), context: name)
                guard tag == 1 else { continue }
                if size == 0xFFFF_FFFF { size = try field.count(8, "zip64 size of \(path)") }
                if compressed == 0xFFFF_FFFF { compressed = try field.count(8, "zip64 compressed size of \(path)") }
                if offset == 0xFFFF_FFFF { offset = try field.count(8, "zip64 offset of \(path)") }
            }
            guard flags & 1 == 0 else { throw DataError(file: name, "zip entry \(path) is encrypted") }
            let isLink = host == Self.unixHost && (attributes >> 16) & 0o170000 == 0o120000
            entries.append(Entry(path: path, size: size, isSymbolicLink: isLink, method: method, compressedSize: compressed, crc32: crc, localHeaderOffset: offset))
        }
        guard cursor.position <= end.end else {
            throw DataError(file: name, "the central directory runs past its recorded \(end.end - end.offset) bytes; the archive is truncated or corrupt")
        }
        self.entries = entries
        positions = Dictionary(entries.enumerated().map { ($0.element.path, $0.offset) }) { first, _ in first }
    }

    /// The entry at `path`, or nil when the archive has none.
    public func entry(_ path: String) -> Entry? {
        positions[path].map { entries[$0] }
    }

    /// The unpacked contents of `entry`, checked against its CRC-32.
    public func contents(of entry: Entry) throws -> [UInt8] {
        let what = "\(name): \(entry.path)"
        var cursor = ByteCursor(bytes, at: entry.localHeaderOffset, context: what)
        guard try cursor.unsigned(4, "local header") == 0x0403_4B50 else {
            throw DataError(file: what, "no local file header at byte \(entry.localHeaderOffset)")
        }
        _ = try cursor.take(22, "local header")
        let nameLength = try cursor.count(2, "local header"), extraLength = try cursor.count(2, "local header")
        _ = try cursor.take(nameLength + extraLength, "local header")
        let data = try cursor.take(entry.compressedSize, "entry data")
        let contents: [UInt8]
        switch entry.method {
        case 0:
            guard entry.size == entry.compressedSize else {
                throw DataError(file: what, "stored entry has size \(entry.size) but \(entry.compressedSize) stored bytes")
            }
            contents = Array(data)
        case 8:
            contents = try RawInflate.decompress(data, size: entry.size, name: what)
        default:
            throw DataError(file: what, "compression method \(entry.method) is not supported (expected 0, stored, or 8, deflate)")
        }
        let found = contents.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard found == entry.crc32 else {
            throw DataError(file: what, "CRC-32 mismatch: expected \(hex(entry.crc32)), found \(hex(found)); the archive is corrupt")
        }
        return contents
    }

    /// The unpacked contents of the entry at `path`; throws when there is none.
    public func contents(of path: String) throws -> [UInt8] {
        guard let entry = entry(path) else { throw DataError(file: name, "the archive has no \(path)") }
        return try contents(of: entry)
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Where the central directory starts, how many entries it has and where it ends, from the end record (zip64
    /// when present).
    private static func endOfCentralDirectory(_ bytes: [UInt8], name: String) throws -> (offset: Int, count: Int, end: Int) {
        let earliest = Swift.max(0, bytes.count - 22 - 0xFFFF)
        guard bytes.count >= 22,
              let start = stride(from: bytes.count - 22, through: earliest, by: -1).first(where: {
                  bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 0x05 && bytes[$0 + 3] == 0x06
              }) else {
            throw DataError(file: name, "not a zip archive: no end-of-central-directory record (truncated or not a zip file)")
        }
        var cursor = ByteCursor(bytes, at: start + 4, context: name)
        let disk = try cursor.count(2, "end record"), directoryDisk = try cursor.count(2, "end record")
        _ = try cursor.take(2, "end record")
        var count = try cursor.count(2, "end record")
        var size = try cursor.count(4, "end record")
        var offset = try cursor.count(4, "end record")
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            (offset, count, size) = try zip64End(bytes, before: start, name: name)
        } else {
            guard disk == 0, directoryDisk == 0 else { throw DataError(file: name, "multi-disk zip archives are not supported") }
        }
        guard offset <= bytes.count else {
            throw DataError(file: name, "the central directory offset \(offset) lies beyond the file's \(bytes.count) bytes")
        }
        guard offset <= start, size <= start - offset else {
            throw DataError(file: name, "the central directory of \(size) bytes at byte \(offset) runs into the end record at byte \(start); the archive is truncated or corrupt")
        }
        return (offset, count, offset + size)
    }

    /// The zip64 end record's central directory offset, entry count and size, found through the locator before `end`.
    private static func zip64End(_ bytes: [UInt8], before end: Int, name: String) throws -> (offset: Int, count: Int, size: Int) {
        var locator = ByteCursor(bytes, at: Swift.max(end - 20, 0), context: name)
        guard end >= 20, try locator.unsigned(4, "zip64 locator") == 0x0706_4B50 else {
            throw DataError(file: name, "the end record points to a zip64 record, but no zip64 locator precedes it")
        }
        _ = try locator.take(4, "zip64 locator")
        var record = ByteCursor(bytes, at: try locator.count(8, "zip64 locator"), context: name)
        guard try record.unsigned(4, "zip64 end record") == 0x0606_4B50 else {
            throw DataError(file: name, "no zip64 end record where its locator points")
        }
        _ = try record.take(20, "zip64 end record")
        _ = try record.take(8, "zip64 end record")
        let count = try record.count(8, "zip64 end record")
        let size = try record.count(8, "zip64 end record")
        return (try record.count(8, "zip64 end record"), count, size)
    }
}
