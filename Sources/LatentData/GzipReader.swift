import CZlib
import Foundation

/// Reading a gzip-compressed file's decompressed bytes in order, a piece at a time, so that archives larger
/// than memory (STL-10's 2.6 GB) can be unpacked; several concatenated gzip members are joined, as `gunzip` does.
final class GzipReader {
    /// The file read, for error messages.
    let name: String
    /// How many decompressed bytes have been returned so far.
    private(set) var position = 0
    private let file: FileHandle
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private var fileEnded = false
    private var streamEnded = false

    /// How many compressed bytes are read from the file at once.
    private static let chunkSize = 1 << 20

    /// A reader of the gzip file at `path`; throws when it cannot be opened.
    init(path: String) throws {
        name = path
        guard FileBytes.fileExists(path), let file = FileHandle(forReadingAtPath: path) else {
            throw DataError(file: path, "cannot be opened for reading")
        }
        self.file = file
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: Self.chunkSize)
        guard czlib_inflate_init_auto(stream) == Z_OK else {
            throw DataError(file: path, "zlib could not start decompressing")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
        try? file.close()
    }

    /// The next `count` decompressed bytes, fewer only where the data ends. Throws when the data is corrupt
    /// or the compressed stream ends inside a member.
    func read(_ count: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        var produced = 0
        while produced < count && !streamEnded {
            if stream.pointee.avail_in == 0 && !fileEnded { try refill() }
            let status = output.withUnsafeMutableBufferPointer { target -> Int32 in
                stream.pointee.next_out = target.baseAddress! + produced
                stream.pointee.avail_out = uInt(Swift.min(count - produced, Int(UInt32.max)))
                let room = Int(stream.pointee.avail_out)
                let status = inflate(stream, Z_NO_FLUSH)
                produced += room - Int(stream.pointee.avail_out)
                return status
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if stream.pointee.avail_in == 0 && !fileEnded { try refill() }
                if stream.pointee.avail_in == 0 {
                    streamEnded = true
                } else if inflateReset(stream) != Z_OK {  // another gzip member follows
                    throw DataError(file: name, "zlib could not restart after a gzip member")
                }
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && fileEnded:
                throw DataError(file: name, "truncated gzip data: the compressed stream ends early")
            case Z_BUF_ERROR:
                continue
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw DataError(file: name, "corrupt gzip data after \(position + produced) decompressed bytes (\(detail))")
            }
        }
        position += produced
        output.removeLast(count - produced)
        return output
    }

    /// Reads the next piece of the compressed file into the input buffer.
    private func refill() throws {
        let data: Data
        do {
            data = try file.read(upToCount: Self.chunkSize) ?? Data()
        } catch {
            throw DataError(file: name, "cannot be read (\(error.localizedDescription))")
        }
        fileEnded = data.isEmpty
        data.copyBytes(to: input, count: data.count)
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(data.count)
    }
}
