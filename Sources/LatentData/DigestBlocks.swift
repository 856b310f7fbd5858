import Foundation

/// The message padding that MD5 and SHA-256 share (Merkle–Damgård): the bytes, a 1 bit, zeros, and the length
/// in bits as a 64-bit number, filling whole 64-byte blocks.
enum DigestBlocks {
    /// Calls `body` with each 64-byte block of the padded `bytes`; the length is written big-endian
    /// (SHA-256) or little-endian (MD5).
    static func forEach(of bytes: [UInt8], lengthBigEndian: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let fullBlocks = bytes.count / 64
        bytes.withUnsafeBufferPointer { buffer in
            for block in 0..<fullBlocks { body(UnsafeBufferPointer(rebasing: buffer[block * 64..<block * 64 + 64])) }
        }
        finish(Array(bytes[(fullBlocks * 64)...]), length: bytes.count, lengthBigEndian: lengthBigEndian, body)
    }

    /// Calls `body` with each 64-byte block of the padded contents of the file at `path`, read a piece at a time
    /// so that files larger than memory can be digested; returns the file's size. Throws when it cannot be read.
    static func forEach(ofFile path: String, lengthBigEndian: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws -> Int {
        guard FileBytes.fileExists(path), let file = FileHandle(forReadingAtPath: path) else {
            throw DataError(file: path, "cannot be opened for reading")
        }
        defer { try? file.close() }
        var carry: [UInt8] = [], length = 0
        while true {
            let piece: Data
            do {
                piece = try file.read(upToCount: 1 << 16) ?? Data()
            } catch {
                throw DataError(file: path, "cannot be read (\(error.localizedDescription))")
            }
            if piece.isEmpty { break }
            length += piece.count
            carry += piece
            let fullBlocks = carry.count / 64
            carry.withUnsafeBufferPointer { buffer in
                for block in 0..<fullBlocks { body(UnsafeBufferPointer(rebasing: buffer[block * 64..<block * 64 + 64])) }
            }
            carry.removeFirst(fullBlocks * 64)
        }
        finish(carry, length: length, lengthBigEndian: lengthBigEndian, body)
        return length
    }

    /// Calls `body` with the last blocks: `tail` (under 64 bytes), a 1 bit, zeros, and the message's length in bits.
    private static func finish(_ tail: [UInt8], length: Int, lengthBigEndian: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var tail = tail
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(length) &* 8
        let shifts = lengthBigEndian ? Array(stride(from: 56, through: 0, by: -8)) : Array(stride(from: 0, through: 56, by: 8))
        for shift in shifts { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { buffer in
            for block in 0..<(buffer.count / 64) { body(UnsafeBufferPointer(rebasing: buffer[block * 64..<block * 64 + 64])) }
        }
    }

    /// `digest` as lowercase hexadecimal digits, two per byte.
    static func hex(_ digest: [UInt8]) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
