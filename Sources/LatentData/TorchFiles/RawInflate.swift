import CZlib

/// Decompression of raw deflate data (no gzip or zlib header), the form zip archives store, through zlib.
enum RawInflate {
    /// The `size` bytes that `input`, raw deflate data, decompresses to. `name` names the data in errors.
    ///
    /// Throws when the data is corrupt, ends early, or does not decompress to exactly `size` bytes.
    static func decompress(_ input: ArraySlice<UInt8>, size: Int, name: String) throws -> [UInt8] {
        guard input.count < Int(UInt32.max), size < Int(UInt32.max) else {
            throw DataError(file: name, "compressed entry of \(input.count) bytes (\(size) unpacked) is too large (at most 4 GiB)")
        }
        guard size <= Gzip.maximumExpansion * (input.count + 1) else {
            throw DataError(file: name, "compressed entry of \(input.count) bytes cannot unpack to the \(size) bytes its header gives (deflate expands at most \(Gzip.maximumExpansion)-fold)")
        }
        var stream = z_stream()
        guard czlib_inflate_init_raw(&stream) == Z_OK else {
            throw DataError(file: name, "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        // One byte of room beyond `size` shows when the data decompresses to more than announced.
        var output = [UInt8](repeating: 0, count: size + 1)
        let (status, produced) = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let status = inflate(&stream, Z_FINISH)
                return (status, target.count - Int(stream.avail_out))
            }
        }
        switch status {
        case Z_STREAM_END where produced == size:
            output.removeLast()
            return output
        case Z_STREAM_END, Z_OK:
            let found = produced > size ? "more than \(size)" : "\(produced)"
            throw DataError(file: name, "deflate data unpacks to \(found) bytes, expected the \(size) bytes its header gives")
        case Z_BUF_ERROR:
            throw DataError(file: name, "truncated deflate data: the compressed stream ends early")
        default:
            let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw DataError(file: name, "corrupt deflate data (\(detail))")
        }
    }
}
