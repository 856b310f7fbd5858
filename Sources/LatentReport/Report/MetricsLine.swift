import Foundation

/// One line of `metrics.jsonl` read as a JSON object: its fields in order, each a number, a string, a boolean
/// or null (fields holding arrays or objects are left out).
enum MetricsLine {
    /// A field's value.
    enum Value {
        case number(Double)
        case string(String)
        case boolean(Bool)
        case null
    }

    /// The fields of the JSON object in `bytes`, or nil when the bytes are not one JSON object.
    ///
    /// Flat objects of numbers, plain strings, booleans and null (what `latent train` writes) are scanned
    /// directly, which is many times faster than `JSONSerialization`; anything else is left to it.
    static func fields(_ bytes: UnsafeRawBufferPointer) -> [(key: String, value: Value)]? {
        var scanner = Scanner(bytes: bytes)
        if let fields = scanner.flatObject() { return fields }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return nil }
        return object.sorted { $0.key < $1.key }.compactMap { key, value in
            switch value {
            case is NSNull: return (key, .null)
            case let text as String: return (key, .string(text))
            case let number as NSNumber: return (key, .number(number.doubleValue))
            default: return nil
            }
        }
    }

    /// A reader of the flat objects that `latent train` writes.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// The fields of a flat object that spans all the bytes, or nil when there is anything else.
        mutating func flatObject() -> [(key: String, value: Value)]? {
            guard skip("{") else { return nil }
            var fields: [(key: String, value: Value)] = []
            if !skip("}") {
                repeat {
                    guard let key = string(), skip(":"), let value = value() else { return nil }
                    fields.append((key, value))
                } while skip(",")
                guard skip("}") else { return nil }
            }
            skipSpaces()
            return position == bytes.count ? fields : nil
        }

        private mutating func value() -> Value? {
            skipSpaces()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "n"): return word("null") ? .null : nil
            case UInt8(ascii: "t"): return word("true") ? .boolean(true) : nil
            case UInt8(ascii: "f"): return word("false") ? .boolean(false) : nil
            default: return number().map(Value.number)
            }
        }

        /// A string without escapes (nil for one with escapes, which `JSONSerialization` reads instead).
        private mutating func string() -> String? {
            guard skip("\"") else { return nil }
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") || bytes[position] < 0x20 { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            position += 1
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
        }

        /// A number in JSON's grammar: `-? int (. digits)? ([eE] [+-]? digits)?`.
        private mutating func number() -> Double? {
            let start = position
            _ = accept("-")
            guard digits() else { return nil }
            if accept("."), !digits() { return nil }
            if accept("e") || accept("E") {
                _ = accept("+") || accept("-")
                guard digits() else { return nil }
            }
            return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }

        /// Consumes one or more decimal digits; false when there is none.
        private mutating func digits() -> Bool {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            return position > start
        }

        /// Consumes `literal` when the bytes continue with it.
        private mutating func word(_ literal: String) -> Bool {
            let end = position + literal.utf8.count
            guard end <= bytes.count, bytes[position..<end].elementsEqual(literal.utf8) else { return false }
            position = end
            return true
        }

        /// Consumes `character` when it comes next.
        private mutating func accept(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        /// Consumes spaces, then `character` when it comes next.
        private mutating func skip(_ character: Unicode.Scalar) -> Bool {
            skipSpaces()
            return accept(character)
        }

        private mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0D {
                position += 1
            }
        }
    }
}
