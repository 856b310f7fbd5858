import LatentTensor

/// Axes `startDim` through `endDim` merged into one, as `torch.nn.Flatten`.
public final class Flatten: Module, Layer {
    public let startDim: Int
    public let endDim: Int

    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let start = Shape.normalizeAxis(startDim, rank: x.rank, op: "Flatten")
        let end = Shape.normalizeAxis(endDim, rank: x.rank, op: "Flatten")
        precondition(start <= end, "Flatten: startDim \(startDim) comes after endDim \(endDim) for shape \(x.shape)")
        let merged = Shape.count(Array(x.shape[start...end]))
        return x.reshaped(Array(x.shape[..<start]) + [merged] + Array(x.shape[(end + 1)...]))
    }
}

/// Axis `dim` split into `unflattenedSize`, as `torch.nn.Unflatten`: `Unflatten(dim: 1, unflattenedSize: [256, 4, 4])`.
public final class Unflatten: Module, Layer {
    public let dim: Int
    public let unflattenedSize: [Int]

    public init(dim: Int, unflattenedSize: [Int]) {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let axis = Shape.normalizeAxis(dim, rank: x.rank, op: "Unflatten")
        return x.reshaped(Array(x.shape[..<axis]) + unflattenedSize + Array(x.shape[(axis + 1)...]))
    }
}

/// Each sample reshaped to `shape`, keeping the batch axis: `Reshape([256, 4, 4])` turns [N, 4096]
/// into [N, 256, 4, 4]. One size may be -1.
public final class Reshape: Module, Layer {
    public let shape: [Int]

    public init(_ shape: [Int]) {
        self.shape = shape
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 1, "Reshape: expected a batch axis, got shape \(x.shape)")
        return x.reshaped([x.shape[0]] + shape)
    }
}
