import CZlib

/// Decompression of gzip (and zlib) data through the system's zlib.
enum Gzip {
    /// The most bytes one file may decompress to: more than any data set this module reads.
    static let outputLimit = 1 << 31
    /// How many times larger than its compressed form deflate data can be, at most (about 1032: its longest
    /// match, 258 bytes, coded in about two bits); a larger announced size cannot be true.
    static let maximumExpansion = 1032

    /// Whether `bytes` start with the gzip magic number.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes of `input`, a gzip stream (several concatenated members are joined, as `gunzip` does).
    /// `name` is the file the bytes came from, for error messages.
    static func decompress(_ input: [UInt8], name: String) throws -> [UInt8] {
        guard input.count < Int(UInt32.max) else {
            throw DataError(file: name, "compressed file of \(input.count) bytes is too large (at most 4 GiB)")
        }
        var stream = z_stream()
        guard czlib_inflate_init_auto(&stream) == Z_OK else {
            throw DataError(file: name, "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: initialCapacity(input))
        var produced = 0
        try input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                if produced == output.count {
                    guard output.count < outputLimit else {
                        throw DataError(file: name, "decompresses to more than \(outputLimit) bytes")
                    }
                    output.append(contentsOf: repeatElement(0, count: Swift.min(output.count, outputLimit - output.count)))
                }
                let status = output.withUnsafeMutableBufferPointer { target -> Int32 in
                    let room = Swift.min(target.count - produced, Int(UInt32.max))
                    stream.next_out = target.baseAddress! + produced
                    stream.avail_out = uInt(room)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += room - Int(stream.avail_out)
                    return status
                }
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in == 0 { return }
                    // Another gzip member follows.
                    guard inflateReset(&stream) == Z_OK else {
                        throw DataError(file: name, "zlib could not restart after a gzip member")
                    }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where produced == output.count:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw DataError(file: name, "truncated gzip data: the compressed stream ends early")
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw DataError(file: name, "corrupt gzip data (\(detail))")
                }
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    /// A first output size: the uncompressed size that a gzip trailer records (modulo 2³²), within what deflate can reach.
    private static func initialCapacity(_ input: [UInt8]) -> Int {
        let fallback = Swift.max(4 * input.count, 1024)
        guard input.count >= 4 else { return fallback }
        let tail = input.suffix(4)
        let recorded = tail.reversed().reduce(0) { ($0 << 8) | Int($1) }
        return recorded > 0 && recorded <= maximumExpansion * input.count ? Swift.min(recorded, outputLimit) : fallback
    }
}
