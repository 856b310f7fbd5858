import CLatentKernels
import Foundation
import Testing
@testable import LatentTensor

/// Largest error of `approximate` against `exact` in units of the exact value (relative, or absolute near 0).
private func worstError(_ approximate: (Float) -> Float, _ exact: (Double) -> Double, over range: ClosedRange<Float>, steps: Int = 200_000) -> Double {
    var worst = 0.0
    for i in 0...steps {
        let x = range.lowerBound + (range.upperBound - range.lowerBound) * Float(i) / Float(steps)
        let truth = exact(Double(x))
        let error = abs(Double(approximate(x)) - truth) / max(abs(truth), 1e-30)
        worst = max(worst, error)
    }
    return worst
}

@Test func fastExpIsAccurateAcrossTheFloatRange() {
    #expect(worstError(FastMath.exp, Foundation.exp, over: -87...88.7) < 3e-7)
    #expect(worstError(FastMath.exp, Foundation.exp, over: -1...1) < 3e-7)
    #expect(FastMath.exp(0) == 1)
    #expect(FastMath.exp(89) == .infinity)
    #expect(FastMath.exp(-200) == 0)
    #expect(FastMath.exp(.nan).isNaN)
    #expect(FastMath.exp(-.infinity) == 0)
    #expect(FastMath.exp(.infinity) == .infinity)
}

@Test func fastTanhIsAccurateNearZeroAndSaturates() {
    #expect(worstError(FastMath.tanh, Foundation.tanh, over: -10...10) < 3e-7)
    #expect(worstError(FastMath.tanh, Foundation.tanh, over: -1e-3...1e-3, steps: 20_000) < 3e-7)
    #expect(FastMath.tanh(0) == 0)
    #expect(FastMath.tanh(50) == 1)
    #expect(FastMath.tanh(-50) == -1)
    #expect(FastMath.tanh(.nan).isNaN)
}

@Test func fastSigmoidIsAccurateInBothTails() {
    let exact: (Double) -> Double = { 1 / (1 + Foundation.exp(-$0)) }
    #expect(worstError(FastMath.sigmoid, exact, over: -80...30) < 3e-7)
    #expect(FastMath.sigmoid(0) == 0.5)
    #expect(FastMath.sigmoid(100) == 1)
    #expect(FastMath.sigmoid(-100) > 0)
    #expect(FastMath.sigmoid(.nan).isNaN)
}

@Test func fastLogIsAccurateFromSubnormalsToHugeValues() {
    var worst = 0.0
    var x = Float.leastNonzeroMagnitude * 7
    while x < 3e38 {
        for scale in stride(from: Float(1), to: 10, by: 0.37) {
            let value = x * scale
            guard value.isFinite else { continue }
            let truth = Foundation.log(Double(value))
            worst = max(worst, abs(Double(FastMath.log(value)) - truth) / max(abs(truth), 1e-3))
        }
        x *= 10
    }
    #expect(worst < 3e-7)
    #expect(worstError(FastMath.log, Foundation.log, over: 0.5...2) < 3e-7)
    #expect(FastMath.log(1) == 0)
    #expect(FastMath.log(0) == -.infinity)
    #expect(FastMath.log(-1).isNaN)
    #expect(FastMath.log(.nan).isNaN)
    #expect(FastMath.log(.infinity) == .infinity)
}

@Test func fastLog1pKeepsPrecisionForTinyArguments() {
    #expect(worstError(FastMath.log1p, Foundation.log1p, over: -0.999...10) < 3e-7)
    #expect(worstError(FastMath.log1p, Foundation.log1p, over: -1e-4...1e-4, steps: 20_000) < 3e-7)
    #expect(FastMath.log1p(1e-30) == 1e-30)
    #expect(FastMath.log1p(-1) == -.infinity)
    #expect(FastMath.log1p(-2).isNaN)
    #expect(FastMath.log1p(.infinity) == .infinity)
}

/// The array kernels run the widest instruction set the processor has (AVX-512 where present), the scalar
/// functions the target's baseline: both must give the same bits, tails and specials included.
@Test func arrayKernelsMatchTheScalarFunctionsBitForBit() {
    let specials: [Float] = [0, -0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude, 88.72, -103.95]
    let inputs = specials + stride(from: Float(-120), through: 120, by: 0.0071) + stride(from: Float(-0.6), through: 0.6, by: 1e-5)
    let kernels: [(String, (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void, (Float) -> Float)] = [
        ("exp", latent_exp_array, FastMath.exp), ("tanh", latent_tanh_array, FastMath.tanh),
        ("sigmoid", latent_sigmoid_array, FastMath.sigmoid),
    ]
    for (name, kernel, scalar) in kernels {
        var output = [Float](repeating: 0, count: inputs.count)
        kernel(inputs, &output, inputs.count)
        let differing = zip(inputs, output).filter { x, y in
            let expected = scalar(x)
            return y.bitPattern != expected.bitPattern && !(y.isNaN && expected.isNaN)
        }
        #expect(differing.isEmpty, "\(name): \(differing.prefix(3))")
    }
}
