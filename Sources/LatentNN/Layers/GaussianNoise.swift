import LatentTensor

/// In training mode, adds normal noise of standard deviation `std` to each value; in evaluation mode, the
/// identity. Draws from the global generator (the noise layers of Salimans et al. 2016's discriminators).
public final class GaussianNoise: Module, Layer {
    /// The noise's standard deviation.
    public let std: Float

    /// Noise of standard deviation `std`; stops when it is negative or not finite.
    public init(std: Float) {
        precondition(std.isFinite && std >= 0, "GaussianNoise: std must be finite and not negative, got \(std)")
        self.std = std
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard training, std > 0 else { return x }
        return x + Tensor.randn(x.shape, std: std)
    }
}
