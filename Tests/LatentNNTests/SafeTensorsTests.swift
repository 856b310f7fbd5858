import Foundation
import LatentNN
import LatentTestSupport
import Testing

// The safetensors writer and reader: round trips, PyTorch's files, and refusal of malformed files.

@Suite struct SafeTensorsTests {
    @Test func roundTripKeepsNamesOrderShapesValuesAndMetadata() throws {
        let special: [Float] = [-0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let entries: [SafeTensors.Entry] = [
            .init("z.last", Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])),
            .init("a \"quoted\" \\ näme\n", Tensor(special)),
            .init("scalar", Tensor(scalar: 7.5)),
            .init("empty", Tensor([], shape: [0, 3])),
            .init("counter", Tensor([3, -2]), dtype: .i64),
            .init("small", Tensor([5]), dtype: .i32),
            .init("pixels", Tensor([0, 7, 255]), dtype: .u8),
            .init("widened", Tensor([0.1, -3]), dtype: .f64),
            .init("statistics", doubles: [0.1, 1e-300, -2], shape: [3, 1]),
            .init("rank5", Tensor((0..<32).map(Float.init), shape: [2, 2, 2, 2, 2])),
        ]
        let metadata = ["format": "pt", "note": "line\nbreak \"quoted\" ✓"]
        let data = try SafeTensors.encode(entries, metadata: metadata)
        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(headerLength % 8 == 0)

        let file = try SafeTensors(data: data)
        #expect(file.names == entries.map(\.name))
        #expect(file.metadata == metadata)
        for entry in entries { #expect(file.shape(entry.name) == entry.shape) }
        #expect(try file.tensor("z.last").values == [1, 2, 3, 4, 5, 6])
        #expect(try file.tensor("a \"quoted\" \\ näme\n").values.map(\.bitPattern) == special.map(\.bitPattern))
        #expect(try file.tensor("scalar").shape == [])
        #expect(try file.tensor("empty").count == 0)
        #expect(file.info("counter")?.dtype == .i64)
        #expect(try file.tensor("counter").values == [3, -2])
        #expect(file.info("small")?.dtype == .i32)
        #expect(try file.tensor("small").values == [5])
        #expect(file.info("pixels")?.dtype == .u8)
        #expect(try file.tensor("pixels").values == [0, 7, 255])
        #expect(try file.doubles("widened") == [Double(Float(0.1)), -3])
        #expect(try file.doubles("statistics") == [0.1, 1e-300, -2])
        #expect(try file.tensor("rank5").values == (0..<32).map(Float.init))
    }

    @Test func writingRefusesDuplicateNames() {
        let entries: [SafeTensors.Entry] = [.init("w", Tensor([1])), .init("w", Tensor([2]))]
        expectError(containing: ["two tensors named w"]) { _ = try SafeTensors.encode(entries) }
    }

    @Test func readsThePyTorchFixture() throws {
        let file = try SafeTensors(contentsOf: Fixtures.url("dcgan_step.safetensors"))
        #expect(file.shape("G.init.main.0.weight") == [6272, 100])
        #expect(file.shape("D.after.main.6.weight") == [1, 6272])
        #expect(file.shape("z") == [4, 100])
        #expect(file.metadata["description"]?.contains("torch_version") == true)
        let loss = try file.tensor("d_loss")
        #expect(loss.shape == [1])
        #expect(loss.item.isFinite && loss.item > 0)
        let variance = try file.tensor("G.after.main.5.running_var")
        #expect(variance.shape == [64])
        #expect(variance.values.allSatisfy { $0 > 0 })
        #expect(file.names.count == 50)
    }

    @Test func headerOrderDoesNotMatterDataOrderDoes() throws {
        let file = try SafeTensors(data: Self.file(
            header: #"{"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]},"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"__metadata__":{"k":"v"}}"#,
            floats: [1, -2, 0.5, 3, 4]))
        #expect(file.names == ["a", "b"])
        #expect(file.metadata == ["k": "v"])
        #expect(try file.tensor("a").values == [1, -2, 0.5])
        #expect(try file.tensor("b").values == [3, 4])
        expectError(containing: ["no tensor named c"]) { _ = try file.tensor("c") }
    }

    @Test func readsIntegerAndDoubleData() throws {
        var bytes: [UInt8] = []
        for value in [Int64(12), -3] { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        for value in [Int32(7)] { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        for value in [0.1, 2.5] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        let header = #"{"n":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"m":{"dtype":"I32","shape":[],"data_offsets":[16,20]},"d":{"dtype":"F64","shape":[2],"data_offsets":[20,36]}}"#
        let file = try SafeTensors(data: Self.file(header: header, bytes: bytes))
        #expect(try file.tensor("n").values == [12, -3])
        #expect(try file.tensor("m").values == [7])
        #expect(try file.doubles("d") == [0.1, 2.5])
        #expect(try file.tensor("d").values == [Float(0.1), 2.5])
    }

    static let malformedHeaders: [(header: String, problem: String)] = [
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#, "not valid JSON"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} x"#, "after the JSON value"),
        (#"{"a" {"dtype":"F32"}}"#, "expected ':'"),
        (#"[1, 2]"#, "does not start with '{'"),
        (#"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "dtype F16"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}"#, "beyond the 8-byte data section"),
        (#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, "needs 12 bytes but data_offsets [0, 8] span 8"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, "not increasing"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "overlap"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "gap in the data section: bytes 0..<4"),
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, "cover 4 bytes but the data section holds 8"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, "duplicate key \"a\""),
        (#"{"a":{"dtype":"F32","shape":[2]}}"#, "needs data_offsets"),
        (#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, "negative size"),
        (#"{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}"#, "no shape list of integers"),
        (#"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, "has too many elements"),
        // No bytes, but strides of 4 × 2^62 values, which overflowed when the tensor was made.
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"z":{"dtype":"F32","shape":[0,4611686018427387904,4],"data_offsets":[8,8]}}"#,
         "tensor z of shape [0, 4611686018427387904, 4] has too many elements"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}"#, "unknown field extra"),
        (#"{"a":[1, 2]}"#, "not an object"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"k":1}}"#, "__metadata__ entry k"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"k":[[[[[[[[[[1]]]]]]]]]]}}"#, "nesting deeper"),
    ]

    @Test(arguments: malformedHeaders)
    func refusesMalformedHeaders(_ header: String, _ problem: String) {
        expectError(containing: ["bad.safetensors", problem]) {
            _ = try SafeTensors(data: Self.file(header: header, floats: [1, 2]), path: "bad.safetensors")
        }
    }

    @Test func refusesHeadersThatAreNotUTF8() {
        let bytes = Array(#"{"a\#u{FF}":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#.utf8).map { $0 == 0xC3 ? 0xFF : $0 }
        var data = Self.length(bytes.count)
        data.append(contentsOf: bytes + [0, 0, 0, 0])
        expectError(containing: ["not valid UTF-8"]) { _ = try SafeTensors(data: data) }
    }

    @Test func refusesTruncatedFilesAndAbsurdLengths() {
        expectError(containing: ["3 bytes is too short"]) { _ = try SafeTensors(data: Data([1, 0, 0])) }
        var pastEnd = Self.length(200)
        pastEnd.append(contentsOf: Array("{}".utf8))
        expectError(containing: ["header length 200 runs past the end"]) { _ = try SafeTensors(data: pastEnd) }
        var huge = Self.length(1 << 40)
        huge.append(contentsOf: Array("{}".utf8))
        expectError(containing: ["exceeds the limit"]) { _ = try SafeTensors(data: huge) }
        let whole = try! SafeTensors.encode([.init("w", Tensor([1, 2, 3]))])
        expectError(containing: ["data_offsets [0, 12] beyond the 8-byte data section"]) { _ = try SafeTensors(data: whole.dropLast(4)) }
    }

    @Test func refusesTensorsOfMoreAxesThanLatentHas() throws {
        let file = try SafeTensors(data: Self.file(
            header: #"{"a":{"dtype":"F32","shape":[1,1,1,1,1,2],"data_offsets":[0,8]}}"#, floats: [1, 2]))
        expectError(containing: ["rank 6"]) { _ = try file.tensor("a") }
        #expect(try file.doubles("a") == [1, 2])
    }

    @Test func missingFileIsNamed() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("latent-no-such-file.safetensors")
        expectError(containing: [path.path, "cannot be read"]) { _ = try SafeTensors(contentsOf: path) }
    }

    /// The 8-byte little-endian header length.
    private static func length(_ count: Int) -> Data {
        Data((0..<8).map { UInt8(truncatingIfNeeded: UInt64(count) >> (8 * UInt64($0))) })
    }

    /// A safetensors file with the given header text and data bytes.
    private static func file(header: String, bytes: [UInt8]) -> Data {
        var data = length(header.utf8.count)
        data.append(contentsOf: Array(header.utf8) + bytes)
        return data
    }

    /// A safetensors file with the given header text and Float32 data.
    private static func file(header: String, floats: [Float]) -> Data {
        var bytes: [UInt8] = []
        for value in floats { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return file(header: header, bytes: bytes)
    }
}
