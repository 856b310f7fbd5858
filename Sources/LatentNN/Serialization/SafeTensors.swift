import Foundation

/// Why a safetensors file could not be read or written: the file and the problem.
public struct SafeTensorsError: Error, CustomStringConvertible {
    /// The file's path, or a label for data that did not come from a file.
    public let path: String
    /// What is wrong, in words.
    public let problem: String

    public var description: String { "\(path): \(problem)" }
}

/// The element types Latent reads from safetensors files (and writes: see `SafeTensors.Entry`).
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    case f32 = "F32"
    case f64 = "F64"
    case i64 = "I64"
    case i32 = "I32"
    /// Unsigned bytes, as images are stored.
    case u8 = "U8"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .u8: 1
        case .f32, .i32: 4
        case .f64, .i64: 8
        }
    }
}

/// A safetensors file read into memory and checked: the format of Hugging Face's `safetensors`,
/// which PyTorch checkpoints use.
///
/// The file is untrusted input. Reading checks the header length against the file size, the
/// header's JSON, each tensor's dtype, shape and data offsets, and that the tensors' data fill the
/// data section exactly, without gaps or overlaps; any problem throws a `SafeTensorsError` naming
/// the file. Nothing in the file is executed.
public struct SafeTensors: Sendable {
    /// The largest header accepted, in bytes.
    public static let maxHeaderLength = 100_000_000

    /// One tensor's description in the header.
    public struct Info: Sendable {
        public let name: String
        public let dtype: SafeTensorsDType
        public let shape: [Int]
        /// The byte range of the tensor's data within the whole file.
        let range: Range<Int>
    }

    /// The file's path, used in error messages.
    public let path: String
    /// The tensor names in the order their data appear in the file.
    public let names: [String]
    /// The `__metadata__` entries (empty when the file has none).
    public let metadata: [String: String]
    private let infos: [String: Info]
    private let data: Data

    /// Reads and checks the file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafeTensorsError(path: url.path, problem: "cannot be read: \(error.localizedDescription)")
        }
        try self.init(data: data, path: url.path)
    }

    /// Reads and checks the file at `path`.
    public init(contentsOfFile path: String) throws {
        try self.init(contentsOf: URL(fileURLWithPath: path))
    }

    /// Checks the bytes of a safetensors file; `path` names it in error messages.
    public init(data: Data, path: String = "<safetensors data>") throws {
        func fail(_ problem: String) -> SafeTensorsError { SafeTensorsError(path: path, problem: problem) }
        guard data.count >= 8 else {
            throw fail("file of \(data.count) bytes is too short for the 8-byte header length")
        }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(Self.maxHeaderLength) else {
            throw fail("header length \(headerLength) exceeds the limit of \(Self.maxHeaderLength) bytes")
        }
        guard headerLength <= UInt64(data.count - 8) else {
            throw fail("header length \(headerLength) runs past the end of the file (\(data.count - 8) bytes follow the length)")
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = [UInt8](data[data.startIndex + 8..<data.startIndex + dataStart])
        guard headerBytes.first == UInt8(ascii: "{") else { throw fail("header does not start with '{'") }
        let header: HeaderJSON
        do {
            header = try HeaderJSON.parse(headerBytes)
        } catch {
            throw fail("header is not valid JSON: \(error.message)")
        }
        guard case .object(let fields) = header else { throw fail("header is not a JSON object") }

        var metadata: [String: String] = [:]
        var infos: [String: Info] = [:]
        var spans: [(name: String, begin: Int, end: Int)] = []
        let dataLength = data.count - dataStart
        for (name, value) in fields {
            if name == "__metadata__" {
                metadata = try Self.metadata(value, fail: fail)
                continue
            }
            let (info, begin, end) = try Self.info(name, value, dataStart: dataStart, dataLength: dataLength, fail: fail)
            infos[name] = info
            spans.append((name, begin, end))
        }
        spans.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        var previous = ""
        for span in spans {
            guard span.begin >= covered else {
                throw fail("the data of \(span.name) (bytes \(span.begin)..<\(span.end)) overlap those of \(previous), which end at \(covered)")
            }
            guard span.begin == covered else {
                throw fail("gap in the data section: bytes \(covered)..<\(span.begin) belong to no tensor (before \(span.name))")
            }
            covered = span.end
            previous = span.name
        }
        guard covered == dataLength else {
            throw fail("the tensors cover \(covered) bytes but the data section holds \(dataLength)")
        }
        self.path = path
        self.names = spans.map(\.name)
        self.metadata = metadata
        self.infos = infos
        self.data = data
    }

    private static func metadata(_ value: HeaderJSON, fail: (String) -> SafeTensorsError) throws -> [String: String] {
        guard case .object(let members) = value else { throw fail("__metadata__ is \(value.kind), not an object") }
        var result: [String: String] = [:]
        for (key, item) in members {
            guard case .string(let text) = item else { throw fail("__metadata__ entry \(key) is \(item.kind), not a string") }
            result[key] = text
        }
        return result
    }

    /// Checks one tensor's header entry; returns its description and its offsets in the data section.
    private static func info(
        _ name: String, _ value: HeaderJSON, dataStart: Int, dataLength: Int, fail: (String) -> SafeTensorsError
    ) throws -> (Info, begin: Int, end: Int) {
        guard case .object(let members) = value else { throw fail("tensor \(name) is described by \(value.kind), not an object") }
        var fields: [String: HeaderJSON] = [:]
        for (key, item) in members {
            guard ["dtype", "shape", "data_offsets"].contains(key) else { throw fail("tensor \(name) has an unknown field \(key)") }
            fields[key] = item
        }
        guard case .string(let dtypeName)? = fields["dtype"] else { throw fail("tensor \(name) has no dtype string") }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            let known = SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("tensor \(name) has dtype \(dtypeName), which Latent does not read (it reads \(known))")
        }
        guard let shape = integers(fields["shape"]) else { throw fail("tensor \(name) has no shape list of integers") }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("tensor \(name) has a negative size in shape \(shape)") }
        guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
            throw fail("tensor \(name) needs data_offsets [begin, end] as two integers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard 0 <= begin, begin <= end else { throw fail("tensor \(name) has data_offsets \(offsets) that are not increasing") }
        guard end <= dataLength else {
            throw fail("tensor \(name) has data_offsets \(offsets) beyond the \(dataLength)-byte data section")
        }
        // Sizes after a zero multiply to no bytes, but strides still multiply them: both products must fit.
        var bytes = dtype.size, extent = dtype.size
        for size in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
            let (extentProduct, extentOverflow) = extent.multipliedReportingOverflow(by: Swift.max(size, 1))
            guard !overflow, !extentOverflow else { throw fail("tensor \(name) of shape \(shape) has too many elements") }
            (bytes, extent) = (product, extentProduct)
        }
        guard end - begin == bytes else {
            throw fail("tensor \(name) of shape \(shape) and dtype \(dtype.rawValue) needs \(bytes) bytes but data_offsets \(offsets) span \(end - begin)")
        }
        return (Info(name: name, dtype: dtype, shape: shape, range: dataStart + begin..<dataStart + end), begin, end)
    }

    private static func integers(_ value: HeaderJSON?) -> [Int]? {
        guard case .array(let items)? = value else { return nil }
        var result: [Int] = []
        for item in items {
            guard case .integer(let number) = item else { return nil }
            result.append(number)
        }
        return result
    }

    /// The description of the tensor called `name`, or nil when the file has none.
    public func info(_ name: String) -> Info? { infos[name] }

    /// The shape of the tensor called `name`, or nil when the file has none.
    public func shape(_ name: String) -> [Int]? { infos[name]?.shape }

    /// The tensor called `name` as Float32 values; F64, I64, I32 and U8 values are converted (integers
    /// beyond 2²⁴ and doubles lose precision).
    public func tensor(_ name: String) throws -> Tensor {
        let info = try lookUp(name)
        guard info.shape.count <= Shape.maxRank else {
            throw SafeTensorsError(path: path, problem: "tensor \(name) has rank \(info.shape.count) (shape \(info.shape)); Latent tensors have at most \(Shape.maxRank) axes")
        }
        return Tensor(read(info, as: Float.self), shape: info.shape)
    }

    /// The values of the tensor called `name` as Float64 in row-major order, exact for F64 and F32 data.
    public func doubles(_ name: String) throws -> [Double] {
        read(try lookUp(name), as: Double.self)
    }

    /// Every tensor by name, as `tensor(_:)` converts them: a state dict.
    public func tensors() throws -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for name in names { result[name] = try tensor(name) }
        return result
    }

    private func lookUp(_ name: String) throws -> Info {
        guard let info = infos[name] else { throw SafeTensorsError(path: path, problem: "no tensor named \(name)") }
        return info
    }

    private func read<T: BinaryFloatingPoint>(_ info: Info, as type: T.Type) -> [T] {
        let count = info.range.count / info.dtype.size
        let start = info.range.lowerBound
        return data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.advanced(by: start)
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                switch info.dtype {
                case .f32:
                    for i in 0..<count {
                        buffer[i] = T(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
                    }
                case .f64:
                    for i in 0..<count {
                        buffer[i] = T(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
                    }
                case .i64:
                    for i in 0..<count {
                        buffer[i] = T(Int64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
                    }
                case .i32:
                    for i in 0..<count {
                        buffer[i] = T(Int32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                    }
                case .u8:
                    for i in 0..<count { buffer[i] = T(base.load(fromByteOffset: i, as: UInt8.self)) }
                }
                initialized = count
            }
        }
    }
}
