import Foundation

extension SafeTensors {
    /// A tensor to write: its name, shape, dtype and values.
    public struct Entry {
        /// The tensor's name in the header.
        public let name: String
        /// The shape stored in the header.
        public let shape: [Int]
        /// The element type stored in the file.
        public let dtype: SafeTensorsDType
        private let values: Values

        private enum Values {
            case float(Tensor)
            case double([Double])
        }

        /// `tensor` stored as `dtype`. For I64, I32 and U8 every value must be a whole number in range.
        public init(_ name: String, _ tensor: Tensor, dtype: SafeTensorsDType = .f32) {
            if dtype == .i64 || dtype == .i32 || dtype == .u8 {
                let (low, limit): (Float, Float) = switch dtype {
                case .i64: (-0x1p63, 0x1p63)
                case .i32: (-0x1p31, 0x1p31)
                default: (0, 256)
                }
                precondition(tensor.values.allSatisfy { $0 == $0.rounded() && low <= $0 && $0 < limit },
                             "SafeTensors.Entry: \(name) holds values that are not \(dtype.rawValue) integers")
            }
            self.name = name
            self.shape = tensor.shape
            self.dtype = dtype
            self.values = .float(tensor)
        }

        /// Float64 values of the given shape, stored as F64 (for statistics that need the precision).
        public init(_ name: String, doubles: [Double], shape: [Int]) {
            precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == doubles.count,
                         "SafeTensors.Entry: \(doubles.count) values of \(name) do not fill shape \(shape)")
            self.name = name
            self.shape = shape
            self.dtype = .f64
            self.values = .double(doubles)
        }

        /// The number of bytes of data.
        var byteCount: Int { shape.reduce(1, *) * dtype.size }

        /// Writes the data, little-endian, at `base`.
        func write(to base: UnsafeMutableRawPointer) {
            switch values {
            case .double(let doubles):
                for (i, value) in doubles.enumerated() { base.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: 8 * i, as: UInt64.self) }
            case .float(let tensor):
                tensor.withValues { floats in
                    switch dtype {
                    case .f32:
                        for i in floats.indices { base.storeBytes(of: floats[i].bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self) }
                    case .f64:
                        for i in floats.indices { base.storeBytes(of: Double(floats[i]).bitPattern.littleEndian, toByteOffset: 8 * i, as: UInt64.self) }
                    case .i64:
                        for i in floats.indices { base.storeBytes(of: Int64(floats[i]).littleEndian, toByteOffset: 8 * i, as: Int64.self) }
                    case .i32:
                        for i in floats.indices { base.storeBytes(of: Int32(floats[i]).littleEndian, toByteOffset: 4 * i, as: Int32.self) }
                    case .u8:
                        for i in floats.indices { base.storeBytes(of: UInt8(floats[i]), toByteOffset: i, as: UInt8.self) }
                    }
                }
            }
        }
    }

    /// The bytes of a safetensors file holding `entries`, laid out in the order given, and `metadata`.
    /// Throws when two entries share a name or one is named `__metadata__`.
    public static func encode(_ entries: [Entry], metadata: [String: String] = [:]) throws -> Data {
        var names = Set<String>()
        for entry in entries {
            guard entry.name != "__metadata__", names.insert(entry.name).inserted else {
                throw SafeTensorsError(path: "<safetensors data>", problem: "cannot write two tensors named \(entry.name)")
            }
        }
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            let end = offset + entry.byteCount
            fields.append("\(jsonString(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        headerBytes += [UInt8](repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var data = Data(count: 8 + headerBytes.count + offset)
        data.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            base.storeBytes(of: UInt64(headerBytes.count).littleEndian, as: UInt64.self)
            headerBytes.withUnsafeBytes { base.advanced(by: 8).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            var position = 8 + headerBytes.count
            for entry in entries {
                entry.write(to: base.advanced(by: position))
                position += entry.byteCount
            }
        }
        return data
    }

    /// Writes `entries` and `metadata` to `url` as a safetensors file, atomically (see `AtomicFile`).
    public static func write(_ entries: [Entry], metadata: [String: String] = [:], to url: URL) throws {
        let data: Data
        do {
            data = try encode(entries, metadata: metadata)
        } catch let error as SafeTensorsError {
            throw SafeTensorsError(path: url.path, problem: error.problem)
        }
        try AtomicFile.write(data, to: url)
    }

    /// Writes Float32 tensors, in the order given, to `url` as a safetensors file, atomically.
    public static func write(_ tensors: [(String, Tensor)], metadata: [String: String] = [:], to url: URL) throws {
        try write(tensors.map { Entry($0.0, $0.1) }, metadata: metadata, to: url)
    }

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
