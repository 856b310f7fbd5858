/// Reading little-endian fields from a byte buffer in order, each read checked against the buffer's end.
struct ByteCursor {
    /// The bytes read.
    let bytes: [UInt8]
    /// Where the next read starts.
    var position: Int
    /// The file the bytes came from and what they are, for errors (empty for no prefix).
    let context: String

    init(_ bytes: [UInt8], at position: Int = 0, context: String) {
        self.bytes = bytes
        self.position = position
        self.context = context
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= bytes.count }

    /// The next `count` bytes; throws, naming `what`, when fewer remain.
    mutating func take(_ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw failure("truncated at byte \(position): expected \(count) bytes of \(what), \(Swift.max(bytes.count - position, 0)) remain")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    /// The next byte.
    mutating func byte(_ what: String) throws -> UInt8 {
        try take(1, what).first!
    }

    /// The next `width` bytes as an unsigned little-endian integer (`width` at most 8).
    mutating func unsigned(_ width: Int, _ what: String) throws -> UInt64 {
        try take(width, what).reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// The next `width` bytes as an unsigned little-endian integer that must fit an `Int`.
    mutating func count(_ width: Int, _ what: String) throws -> Int {
        let value = try unsigned(width, what)
        guard value <= UInt64(Int.max) else {
            throw failure("\(what) at byte \(position - width) is \(value), too large")
        }
        return Int(value)
    }

    /// An error about these bytes.
    private func failure(_ problem: String) -> DataError {
        context.isEmpty ? DataError(problem) : DataError(file: context, problem)
    }
}
