import LatentTensor

/// Adam with PyTorch's `torch.optim.Adam` update rule and defaults: bias-corrected moment estimates,
/// weight decay as an L2 penalty added to the gradient, and optional AMSGrad.
///
/// State per parameter: `step`, `exp_avg`, `exp_avg_sq`, and `max_exp_avg_sq` with AMSGrad.
public final class Adam: Optimizer {
    /// The learning rate γ.
    public var learningRate: Float
    /// The decay rates (β₁, β₂) of the first and second moment estimates.
    public let betas: (Float, Float)
    /// The term added to the denominator for numerical stability.
    public let eps: Float
    /// The L2 penalty λ added to the gradient.
    public let weightDecay: Float
    /// Whether to use the maximum of past second moment estimates (AMSGrad).
    public let amsgrad: Bool
    private let state = OptimizerState(bufferNames: adamBufferNames)

    /// The number of updates made so far.
    public var step: Int { state.step }

    public init(
        learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
        weightDecay: Float = 0, amsgrad: Bool = false
    ) {
        self.learningRate = learningRate
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
    }

    public func update(_ parameters: [NamedParameter], gradients: Gradients) {
        let settings = AdamSettings(
            learningRate: learningRate, beta1: betas.0, beta2: betas.1, eps: eps,
            l2Penalty: weightDecay, decoupledDecay: 0, amsgrad: amsgrad)
        withoutGrad {
            for parameter in parameters {
                guard let gradient = parameter.gradient(in: gradients, optimizer: "Adam") else { continue }
                adamUpdate(parameter, gradient: gradient, state: state, settings: settings)
            }
        }
        state.step += 1
    }

    public func stateDict() -> [String: Tensor] { state.dictionary() }

    public func loadStateDict(_ state: [String: Tensor]) throws { try self.state.load(state, optimizer: "Adam") }
}
