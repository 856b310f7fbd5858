/// Images read from an IDX file (magic 2051): `count` images of `rows` × `columns` unsigned bytes.
public struct IDXImages: Sendable {
    /// How many images the file holds.
    public let count: Int
    /// The height of each image.
    public let rows: Int
    /// The width of each image.
    public let columns: Int
    /// The pixels, image after image, each row-major.
    public let pixels: [UInt8]
}

/// The IDX format of MNIST and Fashion-MNIST: a big-endian header (magic number, counts, sizes)
/// followed by raw unsigned bytes. Files may be gzip-compressed.
///
/// Every header field is checked against the file's length; a file that does not match throws a
/// `DataError` naming the file and what was expected.
public enum IDX {
    /// The magic number of image files (unsigned bytes, 3 dimensions).
    public static let imagesMagic = 2051
    /// The magic number of label files (unsigned bytes, 1 dimension).
    public static let labelsMagic = 2049
    /// The largest payload accepted, in bytes.
    public static let maximumBytes = 1_000_000_000

    /// Reads an image file, raw or gzip-compressed.
    public static func readImages(at path: String) throws -> IDXImages {
        try parseImages(FileBytes.readDecompressing(path), name: path)
    }

    /// Reads a label file, raw or gzip-compressed.
    public static func readLabels(at path: String) throws -> [UInt8] {
        try parseLabels(FileBytes.readDecompressing(path), name: path)
    }

    /// Parses the uncompressed bytes of an image file; `name` is used in error messages.
    public static func parseImages(_ bytes: [UInt8], name: String) throws -> IDXImages {
        try checkMagic(bytes, expected: imagesMagic, name: name)
        let headerSize = 16
        guard bytes.count >= headerSize else {
            throw DataError(file: name, "truncated: expected a \(headerSize)-byte IDX image header, file has \(bytes.count) bytes")
        }
        let count = bigEndian(bytes, at: 4), rows = bigEndian(bytes, at: 8), columns = bigEndian(bytes, at: 12)
        guard count > 0 else { throw DataError(file: name, "holds no images (the header's count is 0)") }
        guard rows > 0 && columns > 0 else {
            throw DataError(file: name, "expected images of at least 1×1 pixels, the header says \(rows)×\(columns)")
        }
        let what = "\(count) images of \(rows)×\(columns)"
        let payload = try payloadSize([count, rows, columns], what: what, name: name)
        try checkLength(bytes, headerSize: headerSize, payload: payload, what: what, name: name)
        return IDXImages(count: count, rows: rows, columns: columns, pixels: Array(bytes[headerSize...]))
    }

    /// Parses the uncompressed bytes of a label file; `name` is used in error messages.
    public static func parseLabels(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        try checkMagic(bytes, expected: labelsMagic, name: name)
        let headerSize = 8
        guard bytes.count >= headerSize else {
            throw DataError(file: name, "truncated: expected an \(headerSize)-byte IDX label header, file has \(bytes.count) bytes")
        }
        let count = bigEndian(bytes, at: 4)
        guard count > 0 else { throw DataError(file: name, "holds no labels (the header's count is 0)") }
        let payload = try payloadSize([count], what: "\(count) labels", name: name)
        try checkLength(bytes, headerSize: headerSize, payload: payload, what: "\(count) labels", name: name)
        return Array(bytes[headerSize...])
    }

    private static func checkMagic(_ bytes: [UInt8], expected: Int, name: String) throws {
        let kind = describe(expected)
        guard bytes.count >= 4 else {
            throw DataError(file: name, "truncated: \(bytes.count) bytes, expected at least the 4-byte magic \(expected) (\(kind))")
        }
        let magic = bigEndian(bytes, at: 0)
        guard magic == expected else {
            let found = magic == imagesMagic || magic == labelsMagic ? "\(magic) (\(describe(magic)))" : "\(magic)"
            throw DataError(file: name, "expected magic \(expected) (\(kind)), found \(found)")
        }
    }

    private static func describe(_ magic: Int) -> String {
        magic == imagesMagic ? "IDX images" : "IDX labels"
    }

    /// The product of the header's sizes, refused when it is absurdly large.
    private static func payloadSize(_ sizes: [Int], what: String, name: String) throws -> Int {
        var product = 1
        for size in sizes {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            guard !overflow && next <= maximumBytes else {
                throw DataError(file: name, "absurd size: the header says \(what), more than \(maximumBytes) bytes")
            }
            product = next
        }
        return product
    }

    private static func checkLength(_ bytes: [UInt8], headerSize: Int, payload: Int, what: String, name: String) throws {
        let found = bytes.count - headerSize
        guard found == payload else {
            let problem = found < payload ? "truncated" : "too long"
            throw DataError(file: name, """
                \(problem): the header says \(what), expected \(payload) bytes after the \(headerSize)-byte header, \
                found \(found)
                """)
        }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { ($0 << 8) | Int($1) }
    }
}
