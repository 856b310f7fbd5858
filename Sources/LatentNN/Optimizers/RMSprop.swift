import LatentTensor

/// RMSprop with PyTorch's `torch.optim.RMSprop` update rule and defaults:
///
///     g ← ∇ + λ·θ
///     v ← α·v + (1 − α)·g²
///     ḡ ← lerp(ḡ, g, 1 − α) and ṽ ← v − ḡ² if centered, else ṽ ← v
///     b ← μ·b + g / (√ṽ + ε) and θ ← θ − γ·b if μ > 0, else θ ← θ − γ·g / (√ṽ + ε)
///
/// State per parameter: `square_avg`, `grad_avg` (centered), `momentum_buffer` (with momentum).
public final class RMSprop: Optimizer {
    /// The learning rate γ.
    public var learningRate: Float
    /// The smoothing constant α of the squared-gradient average.
    public let alpha: Float
    /// The term added to the denominator for numerical stability.
    public let eps: Float
    /// The L2 penalty λ added to the gradient.
    public let weightDecay: Float
    /// The momentum factor μ.
    public let momentum: Float
    /// Whether to normalize by an estimate of the gradient's variance rather than its second moment.
    public let centered: Bool
    private let state = OptimizerState(bufferNames: ["square_avg", "grad_avg", "momentum_buffer"])

    /// The number of updates made so far.
    public var step: Int { state.step }

    public init(
        learningRate: Float = 1e-2, alpha: Float = 0.99, eps: Float = 1e-8, weightDecay: Float = 0,
        momentum: Float = 0, centered: Bool = false
    ) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    public func update(_ parameters: [NamedParameter], gradients: Gradients) {
        withoutGrad {
            for parameter in parameters {
                guard let gradient = parameter.gradient(in: gradients, optimizer: "RMSprop") else { continue }
                apply(to: parameter, gradient: gradient)
            }
        }
        state.step += 1
    }

    private func apply(to parameter: NamedParameter, gradient: Tensor) {
        let lr = learningRate, decay = weightDecay, alpha = self.alpha, keep = 1 - self.alpha
        let eps = self.eps, mu = momentum, centered = self.centered
        let g = gradient.storage.pointer
        let v = state.buffer("square_avg", of: parameter).storage.pointer
        // Without centering or momentum the unused buffers alias `v` and are never read.
        let mean = centered ? state.buffer("grad_avg", of: parameter).storage.pointer : v
        let b = mu > 0 ? state.buffer("momentum_buffer", of: parameter).storage.pointer : v
        parameter.tensor.withMutableValues { theta in
            for i in theta.indices {
                let grad = g[i] + decay * theta[i]
                v[i] = v[i] * alpha + keep * grad * grad
                var variance = v[i]
                if centered {
                    mean[i] = lerp(mean[i], grad, keep)
                    variance = variance - mean[i] * mean[i]
                }
                let denominator = variance.squareRoot() + eps
                if mu > 0 {
                    b[i] = b[i] * mu + grad / denominator
                    theta[i] += -lr * b[i]
                } else {
                    theta[i] += -lr * (grad / denominator)
                }
            }
        }
    }

    public func stateDict() -> [String: Tensor] { state.dictionary() }

    public func loadStateDict(_ state: [String: Tensor]) throws { try self.state.load(state, optimizer: "RMSprop") }
}
