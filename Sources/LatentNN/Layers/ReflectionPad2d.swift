import LatentTensor

/// [N, C, H, W] batches padded by mirroring their edges, as `torch.nn.ReflectionPad2d`.
public final class ReflectionPad2d: Module, Layer {
    /// The pads `(left, right, top, bottom)`.
    public let padding: (left: Int, right: Int, top: Int, bottom: Int)

    /// `padding` pixels on every side.
    public convenience init(_ padding: Int) {
        self.init(left: padding, right: padding, top: padding, bottom: padding)
    }

    /// The given pads on each side; stops when one is negative.
    public init(left: Int, right: Int, top: Int, bottom: Int) {
        precondition([left, right, top, bottom].allSatisfy { $0 >= 0 },
                      "ReflectionPad2d: pads must not be negative, got (\(left), \(right), \(top), \(bottom))")
        padding = (left, right, top, bottom)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4, "ReflectionPad2d: expected input [N, C, H, W], got shape \(x.shape)")
        return x.reflectionPadded(left: padding.left, right: padding.right, top: padding.top, bottom: padding.bottom)
    }
}
