import Foundation
import LatentTensor
import LatentData
import Testing

@testable import LatentReport

/// A reader of TFRecord files that checks both checksums of every record.
private func readRecords(_ bytes: [UInt8]) throws -> [[UInt8]] {
    struct FramingError: Error, CustomStringConvertible { let description: String }
    func uint(_ slice: ArraySlice<UInt8>) -> UInt64 {
        slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    var records: [[UInt8]] = []
    var offset = 0
    while offset < bytes.count {
        guard bytes.count - offset >= 12 else { throw FramingError(description: "truncated header at \(offset)") }
        let lengthBytes = bytes[offset..<offset + 8]
        let length = Int(uint(lengthBytes))
        guard UInt32(uint(bytes[offset + 8..<offset + 12])) == CRC32C.masked(lengthBytes) else {
            throw FramingError(description: "length checksum mismatch at \(offset)")
        }
        let start = offset + 12
        guard bytes.count - start >= length + 4 else { throw FramingError(description: "truncated record at \(offset)") }
        let data = Array(bytes[start..<start + length])
        guard UInt32(uint(bytes[start + length..<start + length + 4])) == CRC32C.masked(data) else {
            throw FramingError(description: "data checksum mismatch at \(offset)")
        }
        records.append(data)
        offset = start + length + 4
    }
    return records
}

private func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.path + "/latent-report-tests-" + UUID().uuidString
}

@Test func crc32cMatchesKnownVectors() {
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    // RFC 3720, appendix B.4.
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    #expect(CRC32C.checksum([UInt8]()) == 0)
}

@Test func tfRecordFramingReadsBack() throws {
    let payloads: [[UInt8]] = [[], Array("hello".utf8), (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }]
    let file = payloads.flatMap(TFRecord.frame)
    #expect(try readRecords(file) == payloads)
    #expect(Array(TFRecord.frame(Array("hello".utf8)).prefix(8)) == [5, 0, 0, 0, 0, 0, 0, 0])
    var corrupted = file
    corrupted[file.count - 20] ^= 1
    #expect(throws: (any Error).self) { try readRecords(corrupted) }
}

@Test func scalarEventHasHandComputedBytes() {
    let bytes = Event.scalar(tag: "loss", value: 1.5, step: 3, wallTime: 2.0)
    let expected: [UInt8] = [
        0x09, 0, 0, 0, 0, 0, 0, 0, 0x40,  // wall_time = 2.0 (field 1, fixed64)
        0x10, 0x03,  // step = 3 (field 2, varint)
        0x2A, 0x0D,  // summary (field 5, 13 bytes)
        0x0A, 0x0B,  // Summary.value (field 1, 11 bytes)
        0x0A, 0x04, 0x6C, 0x6F, 0x73, 0x73,  // tag = "loss"
        0x15, 0x00, 0x00, 0xC0, 0x3F,  // simple_value = 1.5 (field 2, fixed32)
    ]
    #expect(bytes == expected)
    let version = Event.fileVersion(wallTime: 0)
    #expect(Array(version.suffix(15)) == [0x1A, 13] + Array("brain.Event:2".utf8))
}

@Test func protobufEncodesLargeAndNegativeVarints() {
    var message = Protobuf()
    message.int64(2, 300)
    message.int64(2, -1)
    #expect(message.bytes == [0x10, 0xAC, 0x02, 0x10] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
}

@Test func eventWriterWritesReadableRecords() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let writer = try EventWriter(directory: directory)
    try writer.addScalar(tag: "loss/generator", value: 0.25, step: 1)
    try writer.addImage(tag: "samples", image: Image(width: 4, height: 3, channels: 3, value: 128), step: 1)
    try writer.addHistogram(tag: "d_real", values: Tensor([0.1, 0.5, 0.9, 0.95]), step: 1, bins: 4)
    // Records reach the file without flush() or closing.
    let name = URL(fileURLWithPath: writer.path).lastPathComponent
    #expect(name.hasPrefix("events.out.tfevents."))
    let records = try readRecords([UInt8](try Data(contentsOf: URL(fileURLWithPath: writer.path))))
    #expect(records.count == 4)
    #expect(records[0].suffix(13) == ArraySlice("brain.Event:2".utf8))
    try writer.flush()
    let histogram = Histogram(values: [0.1, 0.5, 0.9, 0.95] as [Float], bins: 4)
    #expect(histogram.counts == [1, 1, 0, 2])
    #expect(histogram.count == 4)
}
