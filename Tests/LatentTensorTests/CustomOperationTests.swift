import LatentTensor
import LatentTestSupport
import Testing

// Operations defined from outside with `Tensor.custom`, checked against finite differences.

/// x³ computed from the raw values, with the derivative 3x² written with differentiable operations.
private func cube(_ x: Tensor) -> Tensor {
    Tensor.custom(inputs: [x], forward: { inputs in
        Tensor(inputs[0].values.map { $0 * $0 * $0 }, shape: inputs[0].shape)
    }, backward: { context in
        [context.grad * context.inputs[0].square() * 3]
    })
}

/// a · tanh(b), element-wise, with both inputs' gradients.
private func gatedProduct(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.custom(inputs: [a, b], forward: { $0[0] * $0[1].tanh() }, backward: { context in
        let (a, gate) = (context.inputs[0], context.inputs[1].tanh())
        return [context.needs(0) ? context.grad * gate : nil,
                context.needs(1) ? context.grad * a * (1 - gate.square()) : nil]
    })
}

@Suite struct CustomOperationTests {
    private let x = Tensor([0.3, -1.2, 0.8, 1.5, -0.4, 0.1], shape: [2, 3])
    private let y = Tensor([-0.7, 0.2, 1.1, -1.3, 0.6, 0.9], shape: [2, 3])

    @Test func forwardGivesTheValuesItComputes() {
        #expect(allClose(cube(x).values, x.values.map { $0 * $0 * $0 }))
        #expect(cube(x).shape == [2, 3])
    }

    @Test func gradientsMatchFiniteDifferences() {
        #expect(gradientError([x]) { cube($0[0]) } < 1e-2)
        #expect(gradientError([x, y]) { gatedProduct($0[0], $0[1]) } < 1e-2)
        // Inside a composition of Latent's own operations.
        #expect(gradientError([x, y]) { (gatedProduct(cube($0[0]), $0[1]) + $0[1]).sigmoid() } < 1e-2)
    }

    @Test func gradientsOfGradientsMatchFiniteDifferences() {
        #expect(secondOrderGradientError([x]) { cube($0[0]) } < 2e-2)
        #expect(secondOrderGradientError([x, y]) { gatedProduct($0[0], $0[1]) } < 2e-2)
    }

    @Test func secondDerivativeOfTheCubeIsSixX() {
        let variable = x.requiringGrad()
        let first = gradients(of: cube(variable).sum(), withRespectTo: [variable], createGraph: true)[0]
        let second = gradients(of: first.sum(), withRespectTo: [variable])[0]
        #expect(allClose(first.values, x.values.map { 3 * $0 * $0 }))
        #expect(allClose(second.values, x.values.map { 6 * $0 }))
    }

    @Test func anInputWithoutAGradientGetsZeros() {
        let a = x.requiringGrad(), b = y.requiringGrad()
        let product = Tensor.custom(inputs: [a, b], forward: { $0[0] * $0[1] }) { context in [context.grad * context.inputs[1], nil] }
        let grads = gradients(of: product.sum(), withRespectTo: [a, b])
        #expect(grads[0].values == y.values && grads[1].values == [0, 0, 0, 0, 0, 0])
    }

    @Test func constantInputsRecordNothing() {
        #expect(!cube(x).requiresGrad)
        #expect(cube(x.requiringGrad()).requiresGrad)
        #expect(withoutGrad { !cube(x.requiringGrad()).requiresGrad })
    }
}
