#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LatentTensor

/// The Adam family's hyperparameters for one update.
struct AdamSettings {
    var learningRate: Float
    var beta1: Float
    var beta2: Float
    var eps: Float
    /// L2 penalty added to the gradient (Adam's weight decay).
    var l2Penalty: Float
    /// Decoupled decay: the parameter is first scaled by `1 − lr·decay` (AdamW's weight decay).
    var decoupledDecay: Float
    var amsgrad: Bool
}

/// The buffer names Adam and AdamW keep per parameter.
let adamBufferNames: Set<String> = ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"]

/// One Adam update of `parameter`, as PyTorch's single-tensor Adam and AdamW:
///
///     θ ← θ·(1 − γ·λ_decoupled)
///     g ← ∇ + λ_L2·θ
///     m ← lerp(m, g, 1 − β₁);  v ← β₂·v + (1 − β₂)·g²;  v̂ ← max(v̂, v) with amsgrad, else v
///     θ ← θ − γ/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
///
/// `t` counts this parameter's own updates, as PyTorch's per-parameter `step`.
func adamUpdate(_ parameter: NamedParameter, gradient: Tensor, state: OptimizerState, settings s: AdamSettings) {
    let stepTensor = state.existing("step", of: parameter) ?? {
        let made = Tensor(scalar: 0)
        state.set("step", of: parameter, to: made)
        return made
    }()
    let t = stepTensor.item + 1
    stepTensor.withMutableValues { $0[0] = t }

    let biasCorrection1 = 1 - pow(Double(s.beta1), Double(t))
    let biasCorrection2 = 1 - pow(Double(s.beta2), Double(t))
    let stepSize = Float(Double(s.learningRate) / biasCorrection1)
    let biasCorrection2Sqrt = Float(biasCorrection2.squareRoot())
    let shrink = Float(1 - Double(s.learningRate) * Double(s.decoupledDecay))
    let l2 = s.l2Penalty, beta2 = s.beta2, keep2 = 1 - s.beta2, eps = s.eps
    let weight1 = 1 - s.beta1

    let g = gradient.storage.pointer
    let m = state.buffer("exp_avg", of: parameter).storage.pointer
    let v = state.buffer("exp_avg_sq", of: parameter).storage.pointer
    let vMax = s.amsgrad ? state.buffer("max_exp_avg_sq", of: parameter).storage.pointer : v
    let amsgrad = s.amsgrad
    let count = parameter.tensor.count
    let theta = parameter.tensor.storage.pointer
    Threads.forEachChunk(of: count, grain: 32_768) { range in
        if shrink != 1 {
            for i in range { theta[i] *= shrink }
        }
        if amsgrad {
            for i in range {
                let grad = g[i] + l2 * theta[i]
                m[i] = lerp(m[i], grad, weight1)
                v[i] = v[i] * beta2 + keep2 * grad * grad
                vMax[i] = Swift.max(vMax[i], v[i])
                theta[i] += -stepSize * (m[i] / (vMax[i].squareRoot() / biasCorrection2Sqrt + eps))
            }
        } else {
            // Eight lanes at a time (the compiler does not vectorize the scalar loop: the pointers may alias),
            // with the scalar loop's operations in the same order, so that both give the same bits.
            typealias Lanes = SIMD8<Float>
            var i = range.lowerBound
            while i + Lanes.scalarCount <= range.upperBound {
                let grad = Lanes.load(g + i) + l2 * Lanes.load(theta + i)
                let mean = lerp(Lanes.load(m + i), grad, weight1)
                let square = Lanes.load(v + i) * beta2 + keep2 * grad * grad
                mean.store(to: m + i)
                square.store(to: v + i)
                (Lanes.load(theta + i) + -stepSize * (mean / (square.squareRoot() / biasCorrection2Sqrt + eps))).store(to: theta + i)
                i += Lanes.scalarCount
            }
            for i in i..<range.upperBound {
                let grad = g[i] + l2 * theta[i]
                let mean = lerp(m[i], grad, weight1)
                let square = v[i] * beta2 + keep2 * grad * grad
                m[i] = mean
                v[i] = square
                theta[i] += -stepSize * (mean / (square.squareRoot() / biasCorrection2Sqrt + eps))
            }
        }
    }
}

extension SIMD8<Float> {
    /// The eight values from `pointer` on, which need no alignment.
    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Writes the eight values from `pointer` on, which needs no alignment.
    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
}

/// `a + w·(b − a)`, evaluated as PyTorch's `lerp` does (from `b` when `w ≥ ½`) so results match bit for bit.
@inline(__always)
func lerp(_ a: Float, _ b: Float, _ w: Float) -> Float {
    w < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
}

/// `lerp` of each lane.
@inline(__always)
func lerp(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ w: Float) -> SIMD8<Float> {
    w < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
}
