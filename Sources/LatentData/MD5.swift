import Foundation

/// The MD5 digest (RFC 1321), for verifying downloads against the checksums that data set authors publish.
/// MD5 detects corruption, not tampering.
public enum MD5 {
    /// The 16-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var state = initialState
        DigestBlocks.forEach(of: bytes, lengthBigEndian: false) { compress(&state, $0) }
        return self.bytes(of: state)
    }

    /// The state before the first block.
    private static let initialState: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476]

    /// The digest's bytes: the state's words, little-endian.
    private static func bytes(of state: [UInt32]) -> [UInt8] {
        state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(8 * $0)) } }
    }

    /// The digest of the file at `path`, read a piece at a time, as 32 hexadecimal digits, with the file's size.
    static func hexDigest(ofFile path: String) throws -> (digest: String, size: Int) {
        var state = initialState
        let size = try DigestBlocks.forEach(ofFile: path, lengthBigEndian: false) { compress(&state, $0) }
        return (DigestBlocks.hex(bytes(of: state)), size)
    }

    /// The digest of `bytes` as 32 lowercase hexadecimal digits, as `md5sum` prints it.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        DigestBlocks.hex(digest(bytes))
    }

    /// The sine table: the integer part of |sin(i + 1)| · 2³² for i in 0..<64.
    private static let sines: [UInt32] = (0..<64).map { UInt32(abs(sin(Double($0 + 1))) * 4_294_967_296) }

    /// The left rotation of each of the 64 steps (four values repeated in each round of 16).
    private static let rotations: [UInt32] = [[7, 12, 17, 22], [5, 9, 14, 20], [4, 11, 16, 23], [6, 10, 15, 21]]
        .flatMap { round in (0..<16).map { round[$0 % 4] } }

    /// The message word each of the 64 steps adds.
    private static let wordOrder: [Int] = (0..<64).map { step in
        switch step / 16 {
        case 0: step
        case 1: (5 * step + 1) % 16
        case 2: (3 * step + 5) % 16
        default: (7 * step) % 16
        }
    }

    /// Folds one 64-byte block into the state.
    private static func compress(_ state: inout [UInt32], _ block: UnsafeBufferPointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { words in
            for i in 0..<16 {
                words[i] = UInt32(block[4 * i]) | UInt32(block[4 * i + 1]) &<< 8
                    | UInt32(block[4 * i + 2]) &<< 16 | UInt32(block[4 * i + 3]) &<< 24
            }
            sines.withUnsafeBufferPointer { sines in
                rotations.withUnsafeBufferPointer { rotations in
                    wordOrder.withUnsafeBufferPointer { wordOrder in
                        var a = state[0], b = state[1], c = state[2], d = state[3]
                        for i in 0..<64 {
                            let mixed: UInt32 = switch i / 16 {
                            case 0: (b & c) | (~b & d)
                            case 1: (d & b) | (~d & c)
                            case 2: b ^ c ^ d
                            default: c ^ (b | ~d)
                            }
                            let sum = mixed &+ a &+ sines[i] &+ words[wordOrder[i]]
                            let shift = rotations[i]
                            a = d; d = c; c = b
                            b = b &+ ((sum &<< shift) | (sum &>> (32 &- shift)))
                        }
                        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
                    }
                }
            }
        }
    }
}
