/// A protocol buffer message written field by field (only the wire types TensorBoard's events use).
struct Protobuf {
    /// The encoded message.
    private(set) var bytes: [UInt8] = []

    /// Appends a varint field (wire type 0).
    mutating func varint(_ field: Int, _ value: UInt64) {
        key(field, wireType: 0)
        appendVarint(value)
    }

    /// Appends a signed integer as a varint field (negative values take ten bytes, as int64 does).
    mutating func int64(_ field: Int, _ value: Int64) {
        varint(field, UInt64(bitPattern: value))
    }

    /// Appends a double field (wire type 1).
    mutating func double(_ field: Int, _ value: Double) {
        key(field, wireType: 1)
        bytes += TFRecord.littleEndian(value.bitPattern)
    }

    /// Appends a float field (wire type 5).
    mutating func float(_ field: Int, _ value: Float) {
        key(field, wireType: 5)
        bytes += TFRecord.littleEndian(value.bitPattern)
    }

    /// Appends a length-delimited field (wire type 2): a string, bytes or an embedded message.
    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, wireType: 2)
        appendVarint(UInt64(value.count))
        bytes += value
    }

    /// Appends a UTF-8 string field.
    mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// Appends an embedded message field.
    mutating func message(_ field: Int, _ value: Protobuf) {
        bytes(field, value.bytes)
    }

    /// Appends a packed repeated double field.
    mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        bytes(field, values.flatMap { TFRecord.littleEndian($0.bitPattern) })
    }

    private mutating func key(_ field: Int, wireType: UInt64) {
        appendVarint(UInt64(field) << 3 | wireType)
    }

    private mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
