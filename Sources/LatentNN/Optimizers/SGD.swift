import LatentTensor

/// Stochastic gradient descent with optional momentum, dampening, L2 weight decay and Nesterov
/// momentum, with PyTorch's `torch.optim.SGD` update rule and defaults:
///
///     g ← ∇ + λ·θ
///     b ← g on the first step, else μ·b + (1 − τ)·g        (when μ ≠ 0)
///     g ← g + μ·b if nesterov, else b                      (when μ ≠ 0)
///     θ ← θ − γ·g
///
/// State per parameter: `momentum_buffer` (when momentum is used).
public final class SGD: Optimizer {
    /// The learning rate γ.
    public var learningRate: Float
    /// The momentum factor μ.
    public let momentum: Float
    /// The dampening τ of the momentum.
    public let dampening: Float
    /// The L2 penalty λ added to the gradient.
    public let weightDecay: Float
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    private let state = OptimizerState(bufferNames: ["momentum_buffer"])

    /// The number of updates made so far.
    public var step: Int { state.step }

    public init(learningRate: Float, momentum: Float = 0, dampening: Float = 0, weightDecay: Float = 0, nesterov: Bool = false) {
        precondition(!nesterov || (momentum > 0 && dampening == 0),
                     "SGD: Nesterov momentum needs a positive momentum and zero dampening, got momentum \(momentum) and dampening \(dampening)")
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public func update(_ parameters: [NamedParameter], gradients: Gradients) {
        withoutGrad {
            for parameter in parameters {
                guard let gradient = parameter.gradient(in: gradients, optimizer: "SGD") else { continue }
                apply(to: parameter, gradient: gradient)
            }
        }
        state.step += 1
    }

    private func apply(to parameter: NamedParameter, gradient: Tensor) {
        let lr = learningRate, decay = weightDecay, mu = momentum, keep = 1 - dampening, nesterov = self.nesterov
        let g = gradient.storage.pointer
        if mu == 0 {
            parameter.tensor.withMutableValues { theta in
                for i in theta.indices { theta[i] += -lr * (g[i] + decay * theta[i]) }
            }
            return
        }
        let isFirst = state.existing("momentum_buffer", of: parameter) == nil
        let b = state.buffer("momentum_buffer", of: parameter).storage.pointer
        parameter.tensor.withMutableValues { theta in
            for i in theta.indices {
                let d = g[i] + decay * theta[i]
                b[i] = isFirst ? d : b[i] * mu + keep * d
                let direction = nesterov ? d + mu * b[i] : b[i]
                theta[i] += -lr * direction
            }
        }
    }

    public func stateDict() -> [String: Tensor] { state.dictionary() }

    public func loadStateDict(_ state: [String: Tensor]) throws { try self.state.load(state, optimizer: "SGD") }
}
