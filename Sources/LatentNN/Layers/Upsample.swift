import LatentTensor

/// [N, C, H, W] batches enlarged by an integer `scaleFactor`, as `torch.nn.Upsample`
/// (bilinear with `align_corners=False`).
public final class Upsample: Module, Layer {
    /// How new pixels are filled in.
    public enum Mode: Sendable {
        /// Each pixel repeated.
        case nearest
        /// Bilinear interpolation between pixel centres.
        case bilinear
    }

    public let scaleFactor: Int
    public let mode: Mode

    public init(scaleFactor: Int, mode: Mode = .nearest) {
        precondition(scaleFactor >= 1, "Upsample: scaleFactor must be positive, got \(scaleFactor)")
        self.scaleFactor = scaleFactor
        self.mode = mode
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4, "Upsample: expected input [N, C, H, W], got shape \(x.shape)")
        switch mode {
        case .nearest:
            return x.upsampleNearest2d(scaleFactor: (scaleFactor, scaleFactor))
        case .bilinear:
            return x.upsampleBilinear2d(outputSize: (x.shape[2] * scaleFactor, x.shape[3] * scaleFactor))
        }
    }
}
