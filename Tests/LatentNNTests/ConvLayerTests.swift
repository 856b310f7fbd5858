import Testing
import LatentTensor
import LatentTestSupport
@testable import LatentNN

@Test func conv2dShapesCountsAndDefaults() {
    let layer = Conv2d(3, 64, kernelSize: 4, stride: 2, padding: 1, bias: false)
    #expect(layer.weight.shape == [64, 3, 4, 4])
    #expect(layer.parameterCount == 3_072)
    #expect(layer.stateDict().map(\.0) == ["weight"])
    #expect(layer(Tensor.zeros([2, 3, 64, 64])).shape == [2, 64, 32, 32])
    let bound = 1 / Float(48).squareRoot()
    #expect(layer.weight.values.allSatisfy { abs($0) <= bound })
    let grouped = Conv2d(4, 6, kernelSize: (3, 1), padding: (1, 0), groups: 2)
    #expect(grouped.weight.shape == [6, 2, 3, 1])
    #expect(grouped.bias!.values.allSatisfy { abs($0) <= 1 / Float(6).squareRoot() })
    #expect(grouped(Tensor.zeros([1, 4, 5, 5])).shape == [1, 6, 5, 5])
}

@Test func conv2dGradients() {
    let layer = Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1)
    let x = Tensor((0..<50).map { Float(($0 * 7) % 13) * 0.2 - 1 }, shape: [1, 2, 5, 5])
    let error = gradientError([x, layer.weight, layer.bias!]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0])
    }
    #expect(error < 1e-2)
}

@Test func convTranspose2dShapesAndDefaults() {
    let layer = ConvTranspose2d(100, 512, kernelSize: 4, stride: 1, padding: 0, bias: false)
    #expect(layer.weight.shape == [100, 512, 4, 4])
    #expect(layer(Tensor.zeros([2, 100, 1, 1])).shape == [2, 512, 4, 4])
    let bound = 1 / Float(512 * 16).squareRoot()
    #expect(layer.weight.values.allSatisfy { abs($0) <= bound })
    #expect(layer.weight.values.map(abs).max()! > 0.99 * bound)
    let upsampling = ConvTranspose2d(8, 4, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1)
    #expect(upsampling(Tensor.zeros([1, 8, 7, 7])).shape == [1, 4, 14, 14])
}

@Test func convTranspose2dGradients() {
    let layer = ConvTranspose2d(2, 3, kernelSize: 3, stride: 2, padding: 1)
    let x = Tensor((0..<18).map { Float(($0 * 5) % 7) * 0.3 - 1 }, shape: [1, 2, 3, 3])
    let error = gradientError([x, layer.weight, layer.bias!]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0])
    }
    #expect(error < 1e-2)
}

@Test func spectralNormOfTransposedConvolutionUsesAxisOne() {
    let layer = SpectralNorm(wrapping: ConvTranspose2d(4, 6, kernelSize: 3))
    #expect(layer.dim == 1)
    #expect(layer.stateDict().map(\.0) == ["bias", "weight_orig", "weight_u", "weight_v"])
    #expect(layer.weightU.shape == [6] && layer.weightV.shape == [36])
    #expect(SpectralNorm(wrapping: Conv2d(4, 6, kernelSize: 3)).weightU.shape == [6])
    #expect(layer(Tensor.zeros([1, 4, 5, 5])).shape == [1, 6, 7, 7])
}

@Test func upsampleRepeatsOrInterpolates() {
    let x = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
    let nearest = Upsample(scaleFactor: 2)(x)
    #expect(nearest.shape == [1, 1, 4, 4])
    #expect(nearest.values == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    let bilinear = Upsample(scaleFactor: 2, mode: .bilinear)(x)
    #expect(bilinear.shape == [1, 1, 4, 4])
    #expect(allClose(Array(bilinear.values[0..<4]), [1, 1.25, 1.75, 2]))
}
