import LatentTensor

/// `max(0, x)`, as `torch.nn.ReLU`.
public final class ReLU: Module, Layer {
    public override init() { super.init() }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}

/// `x` where positive and `negativeSlope · x` elsewhere, as `torch.nn.LeakyReLU`.
public final class LeakyReLU: Module, Layer {
    public let negativeSlope: Float
    public init(negativeSlope: Float = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.leakyRelu(negativeSlope: negativeSlope) }
}

/// The hyperbolic tangent, as `torch.nn.Tanh`.
public final class Tanh: Module, Layer {
    public override init() { super.init() }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.tanh() }
}

/// `1 / (1 + e⁻ˣ)`, as `torch.nn.Sigmoid`.
public final class Sigmoid: Module, Layer {
    public override init() { super.init() }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.sigmoid() }
}

/// `x` where positive and `alpha · (eˣ − 1)` elsewhere, as `torch.nn.ELU`.
public final class ELU: Module, Layer {
    public let alpha: Float
    public init(alpha: Float = 1) {
        self.alpha = alpha
        super.init()
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.elu(alpha: alpha) }
}

/// `log(1 + e^{βx}) / β`, linear above `threshold / β`, as `torch.nn.Softplus`.
public final class Softplus: Module, Layer {
    public let beta: Float
    public let threshold: Float
    public init(beta: Float = 1, threshold: Float = 20) {
        self.beta = beta
        self.threshold = threshold
        super.init()
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.softplus(beta: beta, threshold: threshold) }
}

/// The input unchanged, as `torch.nn.Identity`.
public final class Identity: Module, Layer {
    public override init() { super.init() }
    public func callAsFunction(_ x: Tensor) -> Tensor { x }
}
