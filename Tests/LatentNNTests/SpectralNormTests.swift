import Testing
import LatentTensor
import LatentTestSupport
@testable import LatentNN

/// The largest singular value of a matrix, by power iteration in Double.
private func largestSingularValue(_ values: [Float], rows: Int, columns: Int) -> Double {
    let a = values.map(Double.init)
    var v = [Double](repeating: 1, count: columns)
    var sigma = 0.0
    for _ in 0..<500 {
        var u = [Double](repeating: 0, count: rows)
        for i in 0..<rows { for j in 0..<columns { u[i] += a[i * columns + j] * v[j] } }
        var next = [Double](repeating: 0, count: columns)
        for j in 0..<columns { for i in 0..<rows { next[j] += a[i * columns + j] * u[i] } }
        let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
        sigma = norm.squareRoot()
        v = next.map { $0 / norm }
    }
    return sigma
}

@Test func spectralNormKeepsPyTorchKeys() {
    let model = Sequential(SpectralNorm(wrapping: Linear(4, 3)), ReLU())
    #expect(model.stateDict().map(\.0) == ["0.bias", "0.weight_orig", "0.weight_u", "0.weight_v"])
    #expect(model.namedParameters().map(\.name) == ["0.bias", "0.weight_orig"])
    #expect(model.stateDict().map(\.1.shape) == [[3], [3, 4], [3], [4]])
    #expect(model.parameterCount == 15)
}

@Test func spectralNormWeightHasUnitSpectralNorm() {
    let layer = SpectralNorm(wrapping: Linear(6, 5))
    let x = Tensor.randn([2, 6])
    for _ in 0..<100 { _ = layer(x) }
    let weight = layer.module.weight.values
    let sigma = largestSingularValue(weight, rows: 5, columns: 6)
    #expect(abs(sigma - 1) < 1e-3)
    // The output is the wrapped layer with the normalized weight.
    let expected = Tensor.matmul(x, layer.module.weight, transposeA: false, transposeB: true) + layer.module.bias!
    #expect(allClose(layer(x).values, expected.values))

    // Evaluation mode leaves the singular vector estimates alone.
    layer.eval()
    let u = layer.weightU.values
    _ = layer(x)
    #expect(layer.weightU.values == u)
}

@Test func spectralNormGradientsFlowToTheOriginalWeight() {
    let layer = SpectralNorm(wrapping: Linear(3, 2))
    let x = Tensor([0.5, -1, 2], shape: [1, 3])
    // Converged singular vectors keep σ away from zero, so finite differences are accurate.
    for _ in 0..<50 { _ = layer(x) }
    layer.eval()
    let error = gradientError([layer.weightOrig]) { v in
        layer.weightOrig = v[0]
        return layer(x)
    }
    #expect(error < 1e-2)
    let (_, grads) = valueAndGrad(of: layer) { l in l(x).sum() }
    #expect(Set(grads.keys) == ["bias", "weight_orig"])
}
