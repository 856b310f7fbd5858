#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLatentKernels
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
/// `t` counts this parameter's own updates, as PyTorch's per-parameter `step`. The element-wise update is
/// CLatentKernels' `latent_adam_update`, in the order of operations written above.
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
    let constants = latent_adam_constants(
        shrink: Float(1 - Double(s.learningRate) * Double(s.decoupledDecay)), l2: s.l2Penalty, weight1: 1 - s.beta1,
        beta2: s.beta2, keep2: 1 - s.beta2, step_size: stepSize, bias_correction2_sqrt: biasCorrection2Sqrt, eps: s.eps)

    let g = gradient.storage.pointer
    let m = state.buffer("exp_avg", of: parameter).storage.pointer
    let v = state.buffer("exp_avg_sq", of: parameter).storage.pointer
    let vMax = s.amsgrad ? state.buffer("max_exp_avg_sq", of: parameter).storage.pointer : nil
    let theta = parameter.tensor.storage.pointer
    Threads.forEachChunk(of: parameter.tensor.count, grain: 32_768) { range in
        let i = range.lowerBound
        latent_adam_update(theta + i, g + i, m + i, v + i, vMax.map { $0 + i }, range.count, constants)
    }
}
