import Foundation
import LatentTensor
import Testing

// The fixture readers themselves: JSON decoding and the safetensors format, including malformed files.

@Suite struct FixtureReaderTests {
    @Test func jsonFixturesDecode() throws {
        #expect(Fixtures.ops.count > 50)
        #expect(Fixtures.layers.count == 20)
        #expect(Fixtures.losses.count == 11)
        let add = try #require(Fixtures.ops.first { $0.name == "add_broadcast" })
        #expect(add.inputs.map(\.shape) == [[2, 3, 4], [3, 1]])
        #expect(add.output.values.count == 24)
        let sum = try #require(Fixtures.ops.first { $0.name == "sum_0_2_keepdim" })
        #expect(sum.arg("dim").ints == [0, 2])
        #expect(sum.arg("keepdim").bool)
        let total = try #require(Fixtures.ops.first { $0.name == "sum_all" })
        #expect(total.output.shape == [])
        let norm = try #require(Fixtures.layers.first { $0.name == "batch_norm2d_train" })
        #expect(norm.stateDict.map(\.name) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
        #expect(norm.stateAfter.map(\.name) == ["running_mean", "running_var", "num_batches_tracked"])
    }

    @Test func readsTheDCGANStep() throws {
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
    }

    @Test func readsAHandWrittenFile() throws {
        let file = try SafeTensors(data: Self.file(header: #"{"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]},"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"__metadata__":{"k":"v"}}"#,
                                               values: [1, -2, 0.5, 3, 4]))
        #expect(file.names == ["a", "b"])
        #expect(file.metadata == ["k": "v"])
        #expect(try file.tensor("a").values == [1, -2, 0.5])
        #expect(try file.tensor("b").values == [3, 4])
        #expect(throws: SafeTensorsError.self) { try file.tensor("c") }
    }

    @Test(arguments: [
        #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}}"#,
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}}"#,
        #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#,
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
        #"{"a":{"dtype":"F32","shape":[2]}}"#,
        #"[1, 2]"#,
    ])
    func rejectsMalformedHeaders(_ header: String) {
        #expect(throws: SafeTensorsError.self) { try SafeTensors(data: Self.file(header: header, values: [1, 2, 3])) }
    }

    @Test func rejectsTruncatedFiles() {
        #expect(throws: SafeTensorsError.self) { try SafeTensors(data: Data([1, 0, 0])) }
        var long = Data([200, 0, 0, 0, 0, 0, 0, 0])
        long.append(contentsOf: Array("{}".utf8))
        #expect(throws: SafeTensorsError.self) { try SafeTensors(data: long) }
    }

    /// A safetensors file with the given header text and Float32 data.
    private static func file(header: String, values: [Float]) -> Data {
        let headerBytes = Array(header.utf8)
        var data = Data((0..<8).map { UInt8(truncatingIfNeeded: UInt64(headerBytes.count) >> (8 * UInt64($0))) })
        data.append(contentsOf: headerBytes)
        for value in values {
            data.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt32($0))) })
        }
        return data
    }
}
