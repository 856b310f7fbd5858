import Foundation
import LatentNN
import LatentTensor
import Testing

// One full dcgan-mnist training step at batch 4 against PyTorch (dcgan_step.safetensors).
// Keys: "G.init.<state-dict name>", "D.init.…", "G.after.…", "D.after.…" (num_batches_tracked left out),
// and z, real, fake, d_real, d_fake, g_scores, d_loss, g_loss. The step (also in the file's metadata):
// train mode; fake = G(z); d_loss = bce(D(real), 1) + bce(D(fake.detach()), 0); Adam step on D;
// g_loss = bce(D(fake), 1) with the updated D; Adam step on G; Adam(lr 2e-4, betas (0.5, 0.999)).

private final class Generator: Module, Layer {
    let main = Sequential(
        Linear(100, 128 * 7 * 7, bias: false), BatchNorm1d(128 * 7 * 7), ReLU(),
        Unflatten(dim: 1, unflattenedSize: [128, 7, 7]),
        ConvTranspose2d(128, 64, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(64), ReLU(),
        ConvTranspose2d(64, 1, kernelSize: 4, stride: 2, padding: 1), Tanh()
    )

    func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}

private final class Discriminator: Module, Layer {
    let main = Sequential(
        Conv2d(1, 64, kernelSize: 4, stride: 2, padding: 1), LeakyReLU(negativeSlope: 0.2),
        Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(128),
        LeakyReLU(negativeSlope: 0.2),
        Flatten(), Linear(128 * 7 * 7, 1)
    )

    func callAsFunction(_ x: Tensor) -> Tensor { main(x) }
}

/// The tensors of `file` whose keys start with `prefix`, keyed without it.
private func state(_ file: SafeTensors, _ prefix: String) throws -> [String: Tensor] {
    var result: [String: Tensor] = [:]
    for name in file.names where name.hasPrefix(prefix) {
        result[String(name.dropFirst(prefix.count))] = try file.tensor(name)
    }
    return result
}

/// Loads `model`'s initial state from `file` strictly; the fixture leaves out the integer
/// num_batches_tracked buffers, which start at zero in both libraries.
private func loadInitialState(_ model: Module, _ file: SafeTensors, _ prefix: String) throws {
    var initial = try state(file, prefix)
    for (name, tensor) in model.stateDict() where name.hasSuffix("num_batches_tracked") {
        #expect(tensor.item == 0)
        initial[name] = tensor
    }
    try model.loadStateDict(initial, strict: true)
}

/// The gradients of `loss` for `parameters`, keyed by name.
private func parameterGradients(_ loss: Tensor, _ parameters: [NamedParameter]) -> Gradients {
    let grads = gradients(of: loss, withRespectTo: parameters.map(\.tensor))
    return Dictionary(uniqueKeysWithValues: zip(parameters.map(\.name), grads))
}

/// Checks updated parameters. Adam's first step moves each value by about lr · sign(gradient), so a
/// value whose gradient is nearly zero may move either way in Float32; a few of those may differ by up to 2 · lr.
private func expectParametersMatch(_ actual: Tensor, _ expected: Tensor, _ name: String) {
    #expect(actual.shape == expected.shape, "\(name): shape")
    let lr: Float = 2e-4
    let differences = zip(actual.values, expected.values).map { abs($0 - $1) }
    let loose = differences.filter { $0 > 1e-5 }.count
    #expect(differences.allSatisfy { $0 <= 2 * lr + 1e-5 }, "\(name): a value differs by more than 2 · lr")
    #expect(loose * 1000 <= Swift.max(differences.count, 1000),
            "\(name): \(loose) of \(differences.count) values differ by over 1e-5")
}

@Test func dcganStepMatchesPyTorch() throws {
    let file = try SafeTensors(contentsOf: Fixtures.url("dcgan_step.safetensors"))
    let g = Generator(), d = Discriminator()
    try loadInitialState(g, file, "G.init.")
    try loadInitialState(d, file, "D.init.")
    g.train()
    d.train()
    let z = try file.tensor("z"), real = try file.tensor("real")
    let optimizerG = Adam(learningRate: 2e-4, betas: (0.5, 0.999))
    let optimizerD = Adam(learningRate: 2e-4, betas: (0.5, 0.999))
    let gParameters = g.namedParameters()

    for parameter in gParameters { parameter.tensor.requiresGrad = true }
    defer { for parameter in gParameters { parameter.tensor.requiresGrad = false } }
    let fake = g(z)
    let (dLoss, scores, dGradients) = valueAndGrad(of: d) { d in
        let dReal = d(real), dFake = d(fake.detached())
        let loss = binaryCrossEntropyWithLogits(dReal, Tensor.ones(like: dReal))
            + binaryCrossEntropyWithLogits(dFake, Tensor.zeros(like: dFake))
        return (loss, (real: dReal, fake: dFake))
    }
    optimizerD.update(d.namedParameters(), gradients: dGradients)
    let gScores = d(fake)
    let gLoss = binaryCrossEntropyWithLogits(gScores, Tensor.ones(like: gScores))
    optimizerG.update(gParameters, gradients: parameterGradients(gLoss, gParameters))

    let computed = [("fake", fake), ("d_real", scores.real), ("d_fake", scores.fake), ("g_scores", gScores),
                    ("d_loss", dLoss.reshaped([1])), ("g_loss", gLoss.reshaped([1]))]
    for (key, actual) in computed {
        let expected = try file.tensor(key)
        expectMatches(actual, FixtureTensor(name: key, shape: expected.shape, values: expected.values), "dcgan step")
    }

    let steps = ["G.": 1, "D.": 3]  // forward passes in training mode
    for (model, prefix) in [(g as Module, "G."), (d as Module, "D.")] {
        let expectedState = try state(file, prefix + "after.")
        let parameterNames = Set(model.namedParameters().map(\.name))
        for (name, tensor) in model.stateDict() {
            let key = prefix + "after." + name
            if name.hasSuffix("num_batches_tracked") {
                #expect(tensor.item == Float(steps[prefix]!), "\(key)")
                continue
            }
            let expected = try #require(expectedState[name], "no \(key) in the fixture")
            if parameterNames.contains(name) {
                expectParametersMatch(tensor, expected, key)
            } else {
                expectMatches(tensor, FixtureTensor(name: key, shape: expected.shape, values: expected.values),
                              "dcgan step running statistics")
            }
        }
        #expect(expectedState.count == model.stateDict().filter { !$0.0.hasSuffix("num_batches_tracked") }.count)
    }
}
