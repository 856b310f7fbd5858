import Testing
import LatentTensor
import LatentTestSupport
@testable import LatentNN

private func meanAndStd(_ values: [Float]) -> (mean: Float, std: Float) {
    let mean = values.reduce(0, +) / Float(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
    return (mean, variance.squareRoot())
}

@Test func normalHasTheRequestedStatistics() {
    var generator = RandomGenerator(seed: 1)
    let weight = Tensor.zeros([64, 32, 4, 4])
    Init.normal(weight, mean: 0, std: 0.02, generator: &generator)
    let (mean, std) = meanAndStd(weight.values)
    #expect(abs(mean) < 1e-3)
    #expect(abs(std - 0.02) < 5e-4)
}

@Test func kaimingAndXavierBounds() {
    var generator = RandomGenerator(seed: 2)
    let weight = Tensor.zeros([128, 64, 3, 3])
    let fanIn: Float = 64 * 9, fanOut: Float = 128 * 9
    Init.kaimingUniform(weight, generator: &generator)
    let bound = (6 / fanIn).squareRoot()
    #expect(weight.values.allSatisfy { abs($0) <= bound })
    #expect(weight.values.map(abs).max()! > 0.99 * bound)

    Init.kaimingNormal(weight, mode: .fanOut, nonlinearity: .relu, generator: &generator)
    #expect(abs(meanAndStd(weight.values).std - (2 / fanOut).squareRoot()) < 1e-3)

    Init.xavierUniform(weight, gain: Init.calculateGain(.tanh), generator: &generator)
    let xavierBound: Float = 5.0 / 3 * (6 / (fanIn + fanOut)).squareRoot()
    #expect(weight.values.allSatisfy { abs($0) <= xavierBound })
    #expect(weight.values.map(abs).max()! > 0.99 * xavierBound)

    Init.xavierNormal(weight, generator: &generator)
    #expect(abs(meanAndStd(weight.values).std - (2 / (fanIn + fanOut)).squareRoot()) < 1e-3)

    #expect(Init.fans([10, 20]) == (fanIn: 20, fanOut: 10))
    #expect(abs(Init.calculateGain(.leakyRelu, param: 0.2) - (2 / 1.04 as Float).squareRoot()) < 1e-6)
    #expect(Init.calculateGain(.leakyRelu) == (2 / 1.0001 as Float).squareRoot())
}

@Test func layerDefaultsMatchPyTorch() {
    let layer = Linear(100, 50)
    let bound: Float = 0.1
    #expect(layer.weight.values.allSatisfy { abs($0) <= bound })
    #expect(layer.weight.values.map(abs).max()! > 0.95 * bound)
    #expect(layer.bias!.values.allSatisfy { abs($0) <= bound })
    let norm = BatchNorm2d(3)
    #expect(norm.weight!.values == [1, 1, 1] && norm.bias!.values == [0, 0, 0])
    #expect(norm.runningVar!.values == [1, 1, 1])
    let (mean, std) = meanAndStd(Embedding(100, 100).weight.values)
    // 10,000 draws of N(0, 1): the mean's standard error is 0.01, the std's about 0.007; 5 of them is never reached by chance.
    #expect(abs(mean) < 0.05 && abs(std - 1) < 0.035)
}

@Test func orthogonalRowsOrColumnsAreOrthonormal() {
    var generator = RandomGenerator(seed: 3)
    for shape in [[6, 4], [4, 6], [3, 2, 2, 2]] {
        let weight = Tensor.zeros(shape)
        Init.orthogonal(weight, gain: 2, generator: &generator)
        let matrix = weight.reshaped([shape[0], -1])
        let gram = shape[0] <= matrix.shape[1]
            ? Tensor.matmul(matrix, matrix, transposeA: false, transposeB: true)
            : Tensor.matmul(matrix, matrix, transposeA: true, transposeB: false)
        let n = gram.shape[0]
        let identity = (0..<(n * n)).map { $0 % (n + 1) == 0 ? Float(4) : 0 }
        #expect(allClose(gram.values, identity, rtol: 1e-4, atol: 1e-4))
    }
}

@Test func constantInitializers() {
    let t = Tensor.randn([3, 3])
    Init.constant(t, 0.5)
    #expect(t.values.allSatisfy { $0 == 0.5 })
    Init.ones(t)
    #expect(t.values.allSatisfy { $0 == 1 })
    Init.zeros(t)
    #expect(t.values.allSatisfy { $0 == 0 })
}
