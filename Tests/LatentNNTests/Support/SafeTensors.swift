import Foundation
import LatentTensor

/// Why a safetensors file could not be read.
struct SafeTensorsError: Error, CustomStringConvertible {
    let description: String
}

/// A read-only safetensors file holding Float32 tensors, for loading reference values in tests.
///
/// The format: an 8-byte little-endian header length `n`, `n` bytes of JSON mapping each tensor name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets into the data that follows the header)
/// plus an optional `"__metadata__"` map of strings, then the raw little-endian data.
struct SafeTensors {
    /// Tensor names in the order their data appears in the file.
    let names: [String]
    /// The `__metadata__` entries.
    let metadata: [String: String]
    private let entries: [String: (shape: [Int], range: Range<Int>)]
    private let data: Data

    init(contentsOf url: URL) throws {
        try self.init(data: Data(contentsOf: url))
    }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw SafeTensorsError(description: "file of \(bytes.count) bytes has no header length") }
        let headerLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafeTensorsError(description: "header length \(headerLength) exceeds the \(bytes.count - 8) bytes after it")
        }
        let dataStart = 8 + Int(headerLength)
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        guard let fields = header as? [String: Any] else { throw SafeTensorsError(description: "header is not a JSON object") }
        let dataLength = bytes.count - dataStart

        var metadata: [String: String] = [:]
        var entries: [String: (shape: [Int], range: Range<Int>)] = [:]
        for (name, value) in fields {
            if name == "__metadata__" {
                guard let map = value as? [String: String] else { throw SafeTensorsError(description: "__metadata__ is not a map of strings") }
                metadata = map
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw SafeTensorsError(description: "\(name): entry needs dtype, shape and two data_offsets")
            }
            guard dtype == "F32" else { throw SafeTensorsError(description: "\(name): dtype \(dtype) is not F32") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw SafeTensorsError(description: "\(name): negative size in shape \(shape)") }
            let (begin, end) = (offsets[0], offsets[1])
            guard 0 <= begin, begin <= end, end <= dataLength else {
                throw SafeTensorsError(description: "\(name): data offsets \(offsets) fall outside the \(dataLength) data bytes")
            }
            let expected = shape.reduce(1, *) * MemoryLayout<Float>.size
            guard end - begin == expected else {
                throw SafeTensorsError(description: "\(name): \(end - begin) bytes for shape \(shape), which needs \(expected)")
            }
            entries[name] = (shape, dataStart + begin..<dataStart + end)
        }
        let names = entries.keys.sorted { entries[$0]!.range.lowerBound < entries[$1]!.range.lowerBound }
        for (first, second) in zip(names, names.dropFirst()) where entries[first]!.range.overlaps(entries[second]!.range) {
            throw SafeTensorsError(description: "the data of \(first) and \(second) overlap")
        }
        self.names = names
        self.metadata = metadata
        self.entries = entries
        self.data = data
    }

    /// The shape of the tensor called `name`, or nil when the file has none.
    func shape(_ name: String) -> [Int]? { entries[name]?.shape }

    /// The tensor called `name`.
    func tensor(_ name: String) throws -> Tensor {
        guard let entry = entries[name] else { throw SafeTensorsError(description: "no tensor named \(name)") }
        let count = entry.range.count / MemoryLayout<Float>.size
        let values = data.withUnsafeBytes { raw in
            (0..<count).map { i in
                let word = raw.loadUnaligned(fromByteOffset: entry.range.lowerBound + i * 4, as: UInt32.self)
                return Float(bitPattern: UInt32(littleEndian: word))
            }
        }
        return Tensor(values, shape: entry.shape)
    }
}
