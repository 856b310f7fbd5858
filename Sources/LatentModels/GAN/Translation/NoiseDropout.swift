import LatentNN

/// Dropout as a generator's source of noise (pix2pix): zeros each value with probability `p` and scales
/// the rest by 1/(1 − p) in evaluation mode too, so that samples vary as in training, as the paper
/// applies it "at both training and test time". Draws from the global generator.
public final class NoiseDropout: Module, Layer {
    public let p: Float

    public init(p: Float = 0.5) {
        precondition((0..<1).contains(p), "NoiseDropout: probability must be in [0, 1), got \(p)")
        self.p = p
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.dropout(p: p, training: true)
    }
}
