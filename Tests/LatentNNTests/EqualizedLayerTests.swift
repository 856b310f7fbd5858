import Testing
import LatentTensor
import LatentTestSupport
@testable import LatentNN

// Equalized learning rate and pixel norm (ProGAN): gradients by finite differences, He's constant by
// hand, and the stored weights' statistics. PyTorch parity is in LayerParityTests (progan_layers.json).

@Test func equalizedLinearGradients() {
    let layer = EqualizedLinear(3, 2, lrMultiplier: 0.1, biasInit: 0.2)
    let x = Tensor([0.5, -1, 2, 1, 0.3, -0.7], shape: [2, 3])
    let weight = Tensor([0.4, -0.2, 0.9, -1.1, 0.3, 0.6], shape: [2, 3]), bias = Tensor([0.5, -1.5])
    let error = gradientError([x, weight, bias]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0]).tanh()
    }
    #expect(error < 1e-2)
}

@Test func equalizedConv2dGradientsOfFirstAndSecondOrder() {
    let layer = EqualizedConv2d(2, 3, kernelSize: 3, padding: 1)
    let x = Tensor((0..<32).map { Float(($0 * 5) % 9) * 0.25 - 1 }, shape: [2, 2, 4, 2])
    let error = gradientError([x, layer.weight]) { v in
        layer.weight = v[1]
        return layer(v[0]).sigmoid()
    }
    #expect(error < 1e-2)
    // WGAN-GP differentiates the critic's input gradient, so the layer's second order must hold too.
    #expect(secondOrderGradientError([x]) { v in layer(v[0]).sigmoid() } < 2e-2)
}

@Test func pixelNormGradients() {
    let x = Tensor((0..<24).map { Float(($0 * 7) % 11) * 0.3 - 1.4 }, shape: [2, 3, 2, 2])
    let error = gradientError([x]) { v in PixelNorm()(v[0]) }
    #expect(error < 1e-2)
}

@Test func pixelNormGivesEachPixelUnitRootMeanSquare() {
    // Pixel 0 holds (3, 4) over the channels, mean square 12.5; pixel 1 holds (0, 2), mean square 2.
    let y = PixelNorm()(Tensor([3, 0, 4, 2], shape: [1, 2, 2, 1]))
    #expect(allClose(y.values, [3 / Float(12.5).squareRoot(), 0, 4 / Float(12.5).squareRoot(), Float(2).squareRoot()]))
}

@Test func equalizedWeightsAreStandardNormalScaledByHesConstant() {
    let conv = EqualizedConv2d(8, 16, kernelSize: 3)
    #expect(abs(conv.weightScale - Float(2).squareRoot() / Float(72).squareRoot()) < 1e-7)
    let linear = EqualizedLinear(512, 64, gain: 1, lrMultiplier: 0.01)
    #expect(abs(linear.weightScale - 0.01 / Float(512).squareRoot()) < 1e-9)
    let convDeviation = conv.weight.values.standardDeviation
    #expect(abs(convDeviation - 1) < 0.1, "stored conv weights have deviation \(convDeviation), not 1")
    let linearDeviation = linear.weight.values.standardDeviation
    #expect(abs(linearDeviation - 100) < 5, "stored weights with lrMultiplier 0.01 have deviation \(linearDeviation), not 100")
    #expect(conv.bias!.values.allSatisfy { $0 == 0 })
    #expect(conv.stateDict().map(\.0) == ["weight", "bias"])
    #expect(linear.stateDict().map(\.0) == ["weight", "bias"])
}

private extension Array where Element == Float {
    var standardDeviation: Float {
        let mean = reduce(0, +) / Float(count)
        return (map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(count)).squareRoot()
    }
}
