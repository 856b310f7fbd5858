import LatentNN
import LatentTensor
import Testing

// Layers against PyTorch (layers.json), in train and eval mode: the PyTorch state dict is loaded as is
// (strictly), then the output, the gradients of sum(output * w) for the input and every parameter
// (by state-dict name), and the buffers after the forward pass (BatchNorm running stats) are compared.

extension LayerFixture {
    func arg(_ key: String) -> FixtureArgument {
        guard let value = args[key] else { preconditionFailure("\(name): no argument \(key)") }
        return value
    }
}

private func makeLayer(_ f: LayerFixture) -> any Layer {
    switch f.module {
    case "Linear":
        return Linear(f.arg("in_features").int, f.arg("out_features").int, bias: f.arg("bias").bool)
    case "Conv2d":
        return Conv2d(f.arg("in_channels").int, f.arg("out_channels").int, kernelSize: f.arg("kernel_size").int,
                      stride: f.arg("stride").int, padding: f.arg("padding").int, bias: f.arg("bias").bool)
    case "ConvTranspose2d":
        return ConvTranspose2d(f.arg("in_channels").int, f.arg("out_channels").int, kernelSize: f.arg("kernel_size").int,
                               stride: f.arg("stride").int, padding: f.arg("padding").int, bias: f.arg("bias").bool)
    case "BatchNorm1d":
        return BatchNorm1d(f.arg("num_features").int, eps: f.arg("eps").float, momentum: f.arg("momentum").float,
                           affine: f.arg("affine").bool, trackRunningStats: f.arg("track_running_stats").bool)
    case "BatchNorm2d":
        return BatchNorm2d(f.arg("num_features").int, eps: f.arg("eps").float, momentum: f.arg("momentum").float,
                           affine: f.arg("affine").bool, trackRunningStats: f.arg("track_running_stats").bool)
    case "LayerNorm":
        return LayerNorm(f.arg("normalized_shape").ints, eps: f.arg("eps").float,
                         elementwiseAffine: f.arg("elementwise_affine").bool)
    case "InstanceNorm2d":
        return InstanceNorm2d(f.arg("num_features").int, eps: f.arg("eps").float, affine: f.arg("affine").bool,
                              trackRunningStats: f.arg("track_running_stats").bool)
    case "GroupNorm":
        return GroupNorm(f.arg("num_groups").int, f.arg("num_channels").int, eps: f.arg("eps").float,
                         affine: f.arg("affine").bool)
    case "Embedding":
        return Embedding(f.arg("num_embeddings").int, f.arg("embedding_dim").int)
    case "EqualizedLinear":
        return EqualizedLinear(f.arg("in_features").int, f.arg("out_features").int, bias: f.arg("bias").bool,
                               gain: f.arg("gain").float, lrMultiplier: f.arg("lr_multiplier").float)
    case "EqualizedConv2d":
        return EqualizedConv2d(f.arg("in_channels").int, f.arg("out_channels").int,
                               kernelSize: f.arg("kernel_size").int, stride: f.arg("stride").int,
                               padding: f.arg("padding").int, bias: f.arg("bias").bool, gain: f.arg("gain").float)
    case "PixelNorm":
        return PixelNorm(eps: f.arg("eps").float)
    default:
        preconditionFailure("no Latent layer for \(f.module)")
    }
}

@Test(arguments: (Fixtures.layers + Fixtures.proganLayers).map(\.name))
func layerMatchesPyTorch(_ name: String) throws {
    let fixture = try #require((Fixtures.layers + Fixtures.proganLayers).first { $0.name == name })
    let layer = makeLayer(fixture)
    try layer.loadStateDict(fixture.stateDict.map { ($0.name, $0.tensor) }, strict: true)
    layer.train(fixture.mode == "train")

    let parameters = layer.namedParameters()
    #expect(parameters.map(\.name) == Array(fixture.gradients.map(\.name).suffix(parameters.count)))
    for parameter in parameters { parameter.tensor.requiresGrad = true }
    defer { for parameter in parameters { parameter.tensor.requiresGrad = false } }
    let differentiatesInput = !fixture.inputs.isEmpty
    let input = (fixture.inputs.first ?? fixture.constants[0]).tensor
    let x = differentiatesInput ? input.requiringGrad() : input
    let output = layer(x)
    expectMatches(output, fixture.output, name)

    let targets = (differentiatesInput ? [x] : []) + parameters.map(\.tensor)
    let grads = gradients(of: (output * fixture.w.tensor).sum(), withRespectTo: targets)
    #expect(grads.count == fixture.gradients.count)
    for (grad, expected) in zip(grads, fixture.gradients) {
        expectMatches(grad, expected, "\(name) gradient")
    }
    let state = Dictionary(layer.stateDict(), uniquingKeysWith: { first, _ in first })
    for expected in fixture.stateAfter {
        let actual = try #require(state[expected.name], "\(name): no buffer \(expected.name)")
        expectMatches(actual, expected, "\(name) after the forward pass")
    }
}
