// Constant padding, as torch.nn.functional.pad in "constant" mode.

extension Tensor {
    /// The tensor surrounded by `value`: `pads` holds (before, after) pairs starting from the last axis,
    /// so `[1, 2, 3, 4]` pads the last axis with 1 before and 2 after and the one before it with 3 and 4.
    /// Pads must not be negative.
    public func padded(_ pads: [Int], value: Float = 0) -> Tensor {
        precondition(pads.count % 2 == 0 && pads.count <= 2 * rank,
                     "padded: expected an even number of pads, at most 2 per axis, got \(pads) for shape \(shape)")
        precondition(pads.allSatisfy { $0 >= 0 }, "padded: negative pads are not supported, got \(pads) for shape \(shape)")
        var start = [Int](repeating: 0, count: rank)
        var outer = shape
        for pair in 0..<(pads.count / 2) {
            let axis = rank - 1 - pair
            start[axis] = pads[2 * pair]
            outer[axis] += pads[2 * pair] + pads[2 * pair + 1]
        }
        Shape.validate(outer, op: "padded")
        return embedded(in: outer, start: start, step: [Int](repeating: 1, count: rank), fill: value)
    }
}
