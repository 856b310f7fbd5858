import Foundation

/// The MD5 digest (RFC 1321), for verifying downloads against the checksums that data set authors publish.
/// MD5 detects corruption, not tampering.
public enum MD5 {
    /// The 16-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476]
        DigestBlocks.forEach(of: bytes, lengthBigEndian: false) { compress(&state, $0) }
        return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(8 * $0)) } }
    }

    /// The digest of `bytes` as 32 lowercase hexadecimal digits, as `md5sum` prints it.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        DigestBlocks.hex(digest(bytes))
    }

    /// The sine table: the integer part of |sin(i + 1)| · 2³² for i in 0..<64.
    private static let sines: [UInt32] = (0..<64).map { UInt32(abs(sin(Double($0 + 1))) * 4_294_967_296) }

    /// The left rotation of each step, four per round.
    private static let rotations: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    /// Folds one 64-byte block into the state.
    private static func compress(_ state: inout [UInt32], _ block: UnsafeBufferPointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { words in
            for i in 0..<16 {
                words[i] = UInt32(block[4 * i]) | UInt32(block[4 * i + 1]) &<< 8
                    | UInt32(block[4 * i + 2]) &<< 16 | UInt32(block[4 * i + 3]) &<< 24
            }
            var a = state[0], b = state[1], c = state[2], d = state[3]
            for i in 0..<64 {
                let round = i / 16
                let mixed: UInt32, word: Int
                switch round {
                case 0: mixed = (b & c) | (~b & d); word = i
                case 1: mixed = (d & b) | (~d & c); word = (5 * i + 1) % 16
                case 2: mixed = b ^ c ^ d; word = (3 * i + 5) % 16
                default: mixed = c ^ (b | ~d); word = (7 * i) % 16
                }
                let sum = mixed &+ a &+ sines[i] &+ words[word]
                let shift = rotations[4 * round + i % 4]
                a = d; d = c; c = b
                b = b &+ ((sum &<< shift) | (sum &>> (32 &- shift)))
            }
            state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        }
    }
}
