// Rotations and flips of images, composed of index selection and transposition (so with their gradients).

extension Tensor {
    /// The tensor reversed along `axis`, as `torch.flip(x, [axis])`.
    public func flipped(axis: Int) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "flipped")
        return indexSelect(axis: a, indices: Array((0..<shape[a]).reversed()))
    }

    /// Images `[…, height, width]` turned by `quarterTurns` × 90° counter-clockwise in the plane of the last
    /// two axes, as `torch.rot90(x, quarterTurns, dims=[-2, -1])`; any whole number of turns, negative turns
    /// clockwise.
    public func rotated90(_ quarterTurns: Int) -> Tensor {
        precondition(rank >= 2, "rotated90: expected at least two axes, got shape \(shape)")
        switch ((quarterTurns % 4) + 4) % 4 {
        case 1: return flipped(axis: -1).transposed(-2, -1)
        case 2: return flipped(axis: -1).flipped(axis: -2)
        case 3: return transposed(-2, -1).flipped(axis: -1)
        default: return self
        }
    }
}
