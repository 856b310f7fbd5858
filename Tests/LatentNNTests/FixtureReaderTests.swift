import Foundation
import LatentTensor
import Testing

// The JSON fixture reader (the safetensors reader is tested in SafeTensorsTests.swift).

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
}
