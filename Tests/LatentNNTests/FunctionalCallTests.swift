import LatentNN
import Testing

// Module.withParameters: a module evaluated with substituted parameters, gradients flowing into them.

@Test func substitutedParametersAreUsedAndPutBack() throws {
    let layer = Linear(2, 1)
    try layer.loadStateDict(["weight": Tensor([1, 2], shape: [1, 2]), "bias": Tensor([0.5])])
    let x = Tensor([3, 4], shape: [1, 2])
    let replacement = Tensor([-1, 1], shape: [1, 2]).requiringGrad()
    let output = layer.withParameters(["weight": replacement * 2]) { layer(x) }
    // (−2·3 + 2·4) + 0.5, the bias kept.
    #expect(output.item == 2.5)
    #expect(gradients(of: output, withRespectTo: [replacement])[0].values == [6, 8])
    #expect(layer(x).item == 11.5)
    #expect(layer.weight.values == [1, 2])
}
