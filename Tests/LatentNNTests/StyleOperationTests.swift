import Foundation
import LatentNN
import LatentTestSupport
import Testing

// StyleGAN's AdaIN and StyleGAN2's modulated convolution against PyTorch (stylegan.json, written by
// Scripts/make_stylegan_fixtures.py) and finite differences.

private struct StyleOperationFixture: Decodable {
    struct AdaIN: Decodable {
        let x: FixtureTensor
        let scale: FixtureTensor
        let bias: FixtureTensor
        let output: FixtureTensor
        let w: FixtureTensor
        let gradients: [FixtureTensor]
    }

    struct Modulated: Decodable {
        let name: String
        let demodulate: Bool
        let padding: Int
        let x: FixtureTensor
        let weight: FixtureTensor
        let styles: FixtureTensor
        let output: FixtureTensor
        let w: FixtureTensor
        let gradients: [FixtureTensor]
    }

    let adain: AdaIN
    let modulated: [Modulated]
}

@Test func adaptiveInstanceNormMatchesPyTorch() throws {
    let fixture = try Fixtures.load(StyleOperationFixture.self, "stylegan.json").adain
    let inputs = [fixture.x, fixture.scale, fixture.bias].map { $0.tensor.requiringGrad() }
    let output = inputs[0].adaptiveInstanceNorm(scale: inputs[1], bias: inputs[2])
    expectMatches(output, fixture.output, "adain")
    let grads = gradients(of: (output * fixture.w.tensor).sum(), withRespectTo: inputs)
    for (grad, reference) in zip(grads, fixture.gradients) { expectMatches(grad, reference, "adain") }
}

@Test func modulatedConvolutionMatchesPyTorch() throws {
    for fixture in try Fixtures.load(StyleOperationFixture.self, "stylegan.json").modulated {
        let inputs = [fixture.x, fixture.weight, fixture.styles].map { $0.tensor.requiringGrad() }
        let output = inputs[0].modulatedConv2d(
            weight: inputs[1], styles: inputs[2], demodulate: fixture.demodulate, padding: (fixture.padding, fixture.padding))
        expectMatches(output, fixture.output, fixture.name)
        let grads = gradients(of: (output * fixture.w.tensor).sum(), withRespectTo: inputs)
        for (grad, reference) in zip(grads, fixture.gradients) { expectMatches(grad, reference, fixture.name) }
    }
}

@Test func adaptiveInstanceNormGradientsMatchFiniteDifferences() {
    var random = RandomGenerator(seed: 5)
    let x = Tensor.randn([2, 2, 3, 3], generator: &random)
    let scale = Tensor.randn([2, 2], generator: &random), bias = Tensor.randn([2, 2], generator: &random)
    let error = gradientError([x, scale, bias], epsilon: 1e-2) { $0[0].adaptiveInstanceNorm(scale: $0[1], bias: $0[2]) }
    #expect(error < 2e-2)
}

@Test(arguments: [true, false])
func modulatedConvolutionGradientsMatchFiniteDifferences(demodulate: Bool) {
    var random = RandomGenerator(seed: 6)
    let x = Tensor.randn([2, 2, 4, 4], generator: &random)
    let weight = Tensor.randn([3, 2, 3, 3], generator: &random)
    let styles = Tensor.uniform([2, 2], low: 0.5, high: 1.5, generator: &random)
    let error = gradientError([x, weight, styles]) {
        $0[0].modulatedConv2d(weight: $0[1], styles: $0[2], demodulate: demodulate, padding: (1, 1))
    }
    #expect(error < 2e-2)
}

@Test func demodulationDividesEachSamplesWeightsByTheirNorm() {
    // A 1×1 kernel on one pixel: sample n reads only input channel n, so each output is one tap of
    // w·s / ‖w·s‖, computed here by hand.
    var random = RandomGenerator(seed: 8)
    let weight = Tensor.randn([3, 2, 1, 1], generator: &random)
    let styles = Tensor([1, 4, 0.5, 2], shape: [2, 2])
    let x = Tensor([1, 0, 0, 1], shape: [2, 2, 1, 1])
    let y = x.modulatedConv2d(weight: weight, styles: styles, demodulate: true)
    let w = weight.values, s = styles.values
    for sample in 0..<2 {
        for out in 0..<3 {
            let scaled = [w[out * 2] * s[sample * 2], w[out * 2 + 1] * s[sample * 2 + 1]]
            let norm = (scaled[0] * scaled[0] + scaled[1] * scaled[1] + 1e-8).squareRoot()
            #expect(abs(y.values[sample * 3 + out] - scaled[sample] / norm) < 1e-5)
        }
    }
}

@Test func noiseInputScalesNoisePerChannel() {
    let layer = NoiseInput(channels: 2)
    layer.weight.assign(Tensor([0.5, -2], shape: [2]))
    let x = Tensor.zeros([1, 2, 1, 2])
    let noise = Tensor([1, 3], shape: [1, 1, 1, 2])
    #expect(layer(x, noise: noise).values == [0.5, 1.5, -2, -6])
}
