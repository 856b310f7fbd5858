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
        x.dropout(p: p, training: training)
    }
}
