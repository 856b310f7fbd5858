// Reflection padding, as torch.nn.functional.pad in "reflect" mode: index selections along the two image
// axes, so its gradient adds each padded value back onto the pixel it mirrors.

extension Tensor {
    /// Images `[…, height, width]` padded by mirroring their edge rows and columns (the edge itself not
    /// repeated): `left`/`right` columns and `top`/`bottom` rows, each pad smaller than its axis, as
    /// `torch.nn.ReflectionPad2d((left, right, top, bottom))`.
    public func reflectionPadded(left: Int, right: Int, top: Int, bottom: Int) -> Tensor {
        precondition(rank >= 2, "reflectionPadded: expected images [..., height, width], got shape \(shape)")
        let height = shape[rank - 2], width = shape[rank - 1]
        precondition([left, right].allSatisfy { (0..<width).contains($0) } && [top, bottom].allSatisfy { (0..<height).contains($0) },
                     "reflectionPadded: pads (\(left), \(right), \(top), \(bottom)) must be non-negative and smaller than the image \(height)×\(width)")
        return indexSelect(axis: rank - 1, indices: Self.reflectedIndices(width, before: left, after: right))
            .indexSelect(axis: rank - 2, indices: Self.reflectedIndices(height, before: top, after: bottom))
    }

    /// The source index of each position of an axis of `size` padded by reflection with `before` and `after`.
    private static func reflectedIndices(_ size: Int, before: Int, after: Int) -> [Int] {
        (-before..<(size + after)).map { i in i < 0 ? -i : (i >= size ? 2 * (size - 1) - i : i) }
    }
}
