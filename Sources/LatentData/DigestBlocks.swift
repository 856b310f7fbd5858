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
        var tail = Array(bytes[(fullBlocks * 64)...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) &* 8
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
