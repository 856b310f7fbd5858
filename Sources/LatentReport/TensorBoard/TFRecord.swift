/// TFRecord framing: each record is its length, a checksum of the length, the data, and a checksum of the data.
public enum TFRecord {
    /// The bytes of one record holding `data`: the length as a little-endian UInt64, the masked CRC-32C
    /// of those 8 bytes, the data, and the masked CRC-32C of the data (both checksums little-endian UInt32).
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        let length = littleEndian(UInt64(data.count))
        var record = length
        record.reserveCapacity(data.count + 16)
        record += littleEndian(CRC32C.masked(length))
        record += data
        record += littleEndian(CRC32C.masked(data))
        return record
    }

    /// The bytes of `value`, least significant first.
    static func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
