import LatentTensor

/// In training mode, zeros each value with probability `p` and scales the rest by 1/(1 − p);
/// in evaluation mode, the identity. As `torch.nn.Dropout`, drawing from the global generator.
public final class Dropout: Module, Layer {
    public let p: Float

    public init(p: Float = 0.5) {
        precondition((0...1).contains(p), "Dropout: probability must be in [0, 1], got \(p)")
        self.p = p
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard training, p > 0 else { return x }
        guard p < 1 else { return x * 0 }
        return x * (Tensor.bernoulli(x.shape, p: 1 - p) * (1 / (1 - p)))
    }
}
