// Slicing along one axis, and the strided windows and placements that slicing, padding,
// concatenation and splitting are built from. Each of the two internal ops is the other's gradient.

extension Tensor {
    /// The values at positions `range` (stepping by `step`) along `axis`, as `x[:, 2:8:2]` in PyTorch
    /// for `x.slice(axis: 1, range: 2..<8, step: 2)`. Partial ranges such as `3...` or `..<5` are accepted;
    /// bounds must lie within the axis.
    public func slice(axis: Int, range: some RangeExpression<Int>, step: Int = 1) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "slice")
        let size = shape[a]
        precondition(step >= 1, "slice: step must be at least 1, got \(step) (shape \(shape))")
        let bounds = range.relative(to: 0..<size)
        precondition(bounds.lowerBound >= 0 && bounds.upperBound <= size,
                     "slice: range \(bounds) is out of bounds for axis \(axis) of size \(size), got shape \(shape)")
        var start = [Int](repeating: 0, count: rank), steps = [Int](repeating: 1, count: rank)
        var extent = shape
        start[a] = bounds.lowerBound
        steps[a] = step
        extent[a] = (bounds.count + step - 1) / step
        return window(start: start, step: steps, extent: extent)
    }

    /// The values at `start + i · step` for every multi-index `i` within `extent`.
    func window(start: [Int], step: [Int], extent: [Int]) -> Tensor {
        if start.allSatisfy({ $0 == 0 }) && extent == shape { return self }
        let result = Tensor.uninitialized(extent)
        let strides = Shape.strides(shape)
        let offset = zip(start, strides).reduce(0) { $0 + $1.0 * $1.1 }
        BlockCopy.copy(from: storage.pointer, offset: offset, strides: zip(step, strides).map(*),
                       to: result.storage.pointer, offset: 0, strides: Shape.strides(extent), extent: extent)
        let original = shape
        return Tensor.result(result, inputs: [self]) { c in
            [c.grad.embedded(in: original, start: start, step: step, fill: 0)]
        }
    }

    /// A tensor of `outerShape` filled with `fill`, holding this tensor's values at `start + i · step`.
    /// Gradients flow to this tensor only.
    func embedded(in outerShape: [Int], start: [Int], step: [Int], fill: Float) -> Tensor {
        let result = Tensor.full(outerShape, fill)
        let strides = Shape.strides(outerShape)
        let offset = zip(start, strides).reduce(0) { $0 + $1.0 * $1.1 }
        BlockCopy.copy(from: storage.pointer, offset: 0, strides: Shape.strides(shape),
                       to: result.storage.pointer, offset: offset, strides: zip(step, strides).map(*), extent: shape)
        let extent = shape
        return Tensor.result(result, inputs: [self]) { c in
            [c.grad.window(start: start, step: step, extent: extent)]
        }
    }
}
