import Foundation
import LatentTensor
import LatentTestSupport
import Testing

// Outputs and gradients of tensor ops against PyTorch (Tests/LatentNNTests/Fixtures/ops.json).

/// Latent's version of each fixture op, given the fixture (for arguments and constants) and the inputs.
private let parityOps: [String: @Sendable (OpFixture, [Tensor]) -> Tensor] = [
    "add": { _, x in x[0] + x[1] },
    "sub": { _, x in x[0] - x[1] },
    "mul": { _, x in x[0] * x[1] },
    "div": { _, x in x[0] / x[1] },
    "exp": { _, x in x[0].exp() },
    "log": { _, x in x[0].log() },
    "sqrt": { _, x in x[0].sqrt() },
    "tanh": { _, x in x[0].tanh() },
    "sigmoid": { _, x in x[0].sigmoid() },
    "relu": { _, x in x[0].relu() },
    "leaky_relu": { f, x in x[0].leakyRelu(negativeSlope: f.arg("negative_slope").float) },
    "elu": { f, x in x[0].elu(alpha: f.arg("alpha").float) },
    "softplus": { f, x in x[0].softplus(beta: f.arg("beta").float, threshold: f.arg("threshold").float) },
    "pow": { f, x in x.count == 2 ? x[0].pow(x[1]) : x[0].pow(f.arg("exponent").float) },
    "sum": { f, x in x[0].sum(axes: f.arg("dim").ints, keepDims: f.arg("keepdim").bool) },
    "mean": { f, x in x[0].mean(axes: f.arg("dim").ints, keepDims: f.arg("keepdim").bool) },
    "var": { f, x in
        x[0].variance(axes: f.arg("dim").ints, unbiased: f.arg("unbiased").bool, keepDims: f.arg("keepdim").bool)
    },
    "amax": { f, x in x[0].max(axes: f.arg("dim").ints, keepDims: f.arg("keepdim").bool) },
    "logsumexp": { f, x in x[0].logSumExp(axes: f.arg("dim").ints, keepDims: f.arg("keepdim").bool) },
    "matmul": { _, x in x[0].matmul(x[1]) },
    "permute": { f, x in x[0].permuted(f.arg("dims").ints) },
    "conv2d": { f, x in
        x[0].conv2d(weight: x[1], bias: x[2], stride: f.arg("stride").pair, padding: f.arg("padding").pair,
                    dilation: f.arg("dilation").pair, groups: f.arg("groups").int)
    },
    "conv_transpose2d": { f, x in
        x[0].convTranspose2d(weight: x[1], bias: x[2], stride: f.arg("stride").pair, padding: f.arg("padding").pair,
                             outputPadding: f.arg("output_padding").pair, dilation: f.arg("dilation").pair,
                             groups: f.arg("groups").int)
    },
    "avg_pool2d": { f, x in
        x[0].avgPool2d(kernelSize: f.arg("kernel_size").pair, stride: f.arg("stride").pair,
                       padding: f.arg("padding").pair, countIncludePad: f.arg("count_include_pad").bool)
    },
    "max_pool2d": { f, x in
        x[0].maxPool2d(kernelSize: f.arg("kernel_size").pair, stride: f.arg("stride").pair, padding: f.arg("padding").pair)
    },
    "interpolate": { f, x in
        f.arg("mode").string == "nearest"
            ? x[0].upsampleNearest2d(scaleFactor: f.arg("scale_factor").pair)
            : x[0].upsampleBilinear2d(outputSize: f.arg("size").pair)
    },
    "softmax": { f, x in x[0].softmax(axis: f.arg("dim").int) },
    "log_softmax": { f, x in x[0].logSoftmax(axis: f.arg("dim").int) },
    "pad": { f, x in x[0].padded(f.arg("pad").ints, value: f.arg("value").float) },
    "gather": { f, x in x[0].gather(axis: f.arg("dim").int, indices: f.constant("index")) },
    "cat": { f, x in Tensor.concatenated(x, axis: f.arg("dim").int) },
    "stack": { f, x in Tensor.stacked(x, axis: f.arg("dim").int) },
]

/// ops.json cases of features Latent does not have.
private let unsupportedOpCases: Set<String> = [
    "pad_reflect",  // reflection padding
]

/// The ops.json cases whose op Latent has.
private let supportedOpCases = Fixtures.ops.filter { !unsupportedOpCases.contains($0.name) }

/// Runs a fixture's op on its inputs and checks the output and the gradients of `sum(output * w)`.
func checkParity(_ fixture: OpFixture, _ body: (OpFixture, [Tensor]) -> Tensor) {
    var output: Tensor?
    let weights = fixture.w.tensor
    let (_, grads) = valueAndGradient(at: fixture.inputs.map(\.tensor)) { inputs in
        let result = body(fixture, inputs)
        output = result
        return (result * weights).sum()
    }
    guard let output else { return }
    expectMatches(output, fixture.output, fixture.name)
    for (grad, expected) in zip(grads, fixture.gradients) {
        expectMatches(grad, expected, "\(fixture.name) gradient")
    }
}

@Suite struct PyTorchParityTests {
    @Test func everyOpFixtureIsChecked() {
        #expect(Set(Fixtures.ops.map(\.op)) == Set(parityOps.keys))
        #expect(unsupportedOpCases.isSubset(of: Fixtures.ops.map(\.name)))
        #expect(supportedOpCases.count == 56)
    }

    @Test(arguments: supportedOpCases.map(\.name))
    func opMatchesPyTorch(_ name: String) throws {
        let fixture = try #require(Fixtures.ops.first { $0.name == name })
        let op = try #require(parityOps[fixture.op])
        #expect(fixture.gradients.count == fixture.inputs.count)
        checkParity(fixture, op)
    }
}
