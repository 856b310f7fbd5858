import LatentTensor
import LatentTestSupport
import Testing
@testable import LatentNN

// The normalization layers against PyTorch (layers.json): output, gradients of sum(output · w) for
// the input, weight and bias, and the running statistics after the forward pass.

/// A layer of a fixture with its state loaded, and a way to set its weight and bias.
private func normalizationLayer(_ fixture: LayerFixture) throws -> (layer: any Layer, setParameters: ([Tensor]) -> Void) {
    let args = fixture.args
    let result: (layer: any Layer, setParameters: ([Tensor]) -> Void)
    switch fixture.module {
    case "BatchNorm1d", "BatchNorm2d":
        let features = args["num_features"]!.int
        let layer: BatchNorm = fixture.module == "BatchNorm1d" ? BatchNorm1d(features) : BatchNorm2d(features)
        result = (layer, { layer.weight = $0[0]; layer.bias = $0[1] })
    case "LayerNorm":
        let layer = LayerNorm(args["normalized_shape"]!.ints)
        result = (layer, { layer.weight = $0[0]; layer.bias = $0[1] })
    case "InstanceNorm2d":
        let layer = InstanceNorm2d(args["num_features"]!.int, affine: true)
        result = (layer, { layer.weight = $0[0]; layer.bias = $0[1] })
    case "GroupNorm":
        let layer = GroupNorm(args["num_groups"]!.int, args["num_channels"]!.int)
        result = (layer, { layer.weight = $0[0]; layer.bias = $0[1] })
    default:
        preconditionFailure("no normalization layer for fixture module \(fixture.module)")
    }
    try result.layer.loadStateDict(fixture.stateDict.map { ($0.name, $0.tensor) })
    return result
}

@Suite struct NormalizationParityTests {
    @Test(arguments: Fixtures.layers.filter { $0.module.contains("Norm") }.map(\.name))
    func normalizationMatchesPyTorch(_ name: String) throws {
        let fixture = try #require(Fixtures.layers.first { $0.name == name })
        let (layer, setParameters) = try normalizationLayer(fixture)
        if fixture.mode == "eval" { layer.eval() }
        let state = Dictionary(uniqueKeysWithValues: layer.stateDict())
        let input = fixture.inputs[0].tensor
        let weight = fixture.w.tensor
        var output: Tensor?
        let result = valueAndGradient(at: [input, state["weight"]!, state["bias"]!]) { v in
            setParameters([v[1], v[2]])
            let y = layer(v[0])
            output = y.detached()
            return (y * weight).sum()
        }
        expectMatches(try #require(output), fixture.output, name)
        // In training mode the pass above updated the running statistics once.
        let after = Dictionary(uniqueKeysWithValues: layer.stateDict())
        for expected in fixture.stateAfter {
            expectMatches(try #require(after[expected.name]), expected, name)
        }
        #expect(fixture.gradients.count == 3)
        for (gradient, expected) in zip(result.gradients, fixture.gradients) {
            expectMatches(gradient, expected, name)
        }
    }
}
