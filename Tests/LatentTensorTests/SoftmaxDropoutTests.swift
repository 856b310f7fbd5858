import Testing
@testable import LatentTensor
import LatentTestSupport

/// Values without pattern, for gradient checks.
private func irregular(_ shape: [Int]) -> Tensor {
    Tensor((0..<Shape.count(shape)).map { i -> Float in
        let phase = Float(i) * 1.3 + 0.4
        return 2 * phase.truncatingRemainder(dividingBy: 1.9) - 1.5
    }, shape: shape)
}

private let ln2: Float = 0.693_147_2
private let ln3: Float = 1.098_612_3

@Test func softmaxHandComputed() {
    let x = Tensor([0, ln3, ln2, ln2], shape: [2, 2])
    #expect(allClose(x.softmax(axis: 1).values, [0.25, 0.75, 0.5, 0.5]))
    #expect(allClose(x.logSoftmax(axis: -1).values, [-2 * ln2, ln3 - 2 * ln2, -ln2, -ln2]))
    let columns = Tensor([0, 0, ln3, 0], shape: [2, 2])
    #expect(allClose(columns.softmax(axis: 0).values, [0.25, 0.5, 0.75, 0.5]))
    let huge = Tensor([1000, 1000 + ln3, -1000, -1000 - ln3], shape: [2, 2])
    #expect(allClose(huge.softmax(axis: 1).values, [0.25, 0.75, 0.75, 0.25], rtol: 1e-3))
    #expect(allClose(huge.logSoftmax(axis: 1).values, [-2 * ln2, ln3 - 2 * ln2, ln3 - 2 * ln2, -2 * ln2], rtol: 1e-3, atol: 1e-3))
}

@Test func softmaxGradients() {
    for axis in [0, 1, 2] {
        #expect(gradientError([irregular([2, 3, 4])]) { $0[0].softmax(axis: axis) } < 1e-2)
        #expect(gradientError([irregular([2, 3, 4])]) { $0[0].logSoftmax(axis: axis) } < 1e-2)
    }
    #expect(secondOrderGradientError([irregular([3, 4])]) { $0[0].softmax(axis: 1) } < 1e-2)
    #expect(secondOrderGradientError([irregular([3, 2, 3])]) { $0[0].softmax(axis: 1) } < 1e-2)
    #expect(secondOrderGradientError([irregular([3, 4])]) { $0[0].logSoftmax(axis: 1) } < 1e-2)
    #expect(secondOrderGradientError([irregular([3, 2, 3])]) { $0[0].logSoftmax(axis: 0) } < 1e-2)
}

@Test func softmaxFusedAndRecordedBackwardAgree() {
    let x = irregular([3, 4, 2]).requiringGrad()
    let weights = irregular([3, 4, 2]).square()
    for axis in [1, 2] {
        for log in [false, true] {
            let y = log ? x.logSoftmax(axis: axis) : x.softmax(axis: axis)
            let loss = (y * weights).sum()
            let fused = gradients(of: loss, withRespectTo: [x])[0]
            let recorded = gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
            #expect(allClose(fused.values, recorded.values, rtol: 1e-4, atol: 1e-6))
        }
    }
}

@Test func dropoutScalesKeptValues() {
    let x = Tensor.ones([64])
    var generator = RandomGenerator(seed: 3)
    var replay = RandomGenerator(seed: 3)
    let y = x.dropout(p: 0.25, generator: &generator)
    let expected = (0..<64).map { _ -> Float in replay.nextUniform() < 0.75 ? 4.0 / 3.0 : 0 }
    #expect(allClose(y.values, expected))
    #expect(generator == replay)
    let kept = y.values.filter { $0 != 0 }.count
    #expect(kept > 32 && kept < 64)

    let v = Tensor([1, -2, 3, 4, 5, 6], shape: [2, 3]).requiringGrad()
    var seeded = RandomGenerator(seed: 9)
    let out = v.dropout(p: 0.5, generator: &seeded)
    let g = gradients(of: out.sum(), withRespectTo: [v])[0]
    for (value, (input, grad)) in zip(out.values, zip(v.values, g.values)) {
        #expect(grad == 0 || grad == 2)
        #expect(value == input * grad)
    }
}

@Test func dropoutEdgeCases() {
    let x = Tensor([1, 2, 3]).requiringGrad()
    var generator = RandomGenerator(seed: 1)
    let untouched = generator
    #expect(x.dropout(p: 0.5, training: false, generator: &generator) === x)
    #expect(x.dropout(p: 0, generator: &generator) === x)
    #expect(generator == untouched)
    let dropped = x.dropout(p: 1, generator: &generator)
    #expect(dropped.values == [0, 0, 0])
    #expect(gradients(of: dropped.sum(), withRespectTo: [x])[0].values == [0, 0, 0])
    #expect(x.dropout(p: 0.3, training: false) === x)
    let global = Tensor.ones([200]).dropout(p: 0.5).values
    #expect(global.allSatisfy { $0 == 0 || $0 == 2 })
    #expect(global.contains(0) && global.contains(2))
}
