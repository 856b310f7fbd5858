#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Reductions over axes with PyTorch's keepdim semantics; no axes means every axis.

extension Tensor {
    /// The sum over `axes` (all axes when empty).
    public func sum(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let reduced = reduceAxes(axes, op: "sum")
        var folded = self.detached()
        for axis in reduced { folded = Reduce.fold(folded, axis: axis, initial: 0, Add()) }
        let original = shape
        let kept = Tensor.result(folded, inputs: [self]) { c in [c.grad.expand(to: original)] }
        return keepDims ? kept : kept.reshaped(droppingAxes(reduced))
    }

    /// The sum over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// The mean over `axes` (all axes when empty).
    public func mean(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let reduced = reduceAxes(axes, op: "mean")
        let n = reduced.reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    /// The mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// The variance over `axes`, unbiased (divided by n − 1) unless `unbiased` is false, as `torch.var`.
    public func variance(axes: [Int] = [], unbiased: Bool = true, keepDims: Bool = false) -> Tensor {
        let reduced = reduceAxes(axes, op: "variance")
        let n = reduced.reduce(1) { $0 * shape[$1] }
        let centered = self - mean(axes: axes, keepDims: true)
        let divisor = Float(Swift.max(unbiased ? n - 1 : n, 1))
        return centered.square().sum(axes: axes, keepDims: keepDims) * (1 / divisor)
    }

    /// The largest value over `axes`; tied maximal entries share the gradient evenly, as `torch.amax`.
    public func max(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let reduced = reduceAxes(axes, op: "max")
        var folded = self.detached()
        for axis in reduced { folded = Reduce.fold(folded, axis: axis, initial: -.infinity, Maximum()) }
        let x = self
        let kept = Tensor.result(folded, inputs: [x]) { c in
            let hits = Tensor.select(x, c.output.expand(to: x.shape), op: "max", IsEqual())
            let share = hits / hits.sum(axes: reduced, keepDims: true)
            return [c.grad.expand(to: x.shape) * share]
        }
        return keepDims ? kept : kept.reshaped(droppingAxes(reduced))
    }

    /// The smallest value over `axes`.
    public func min(axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        -((-self).max(axes: axes, keepDims: keepDims))
    }

    /// The index of the largest value along `axis`, as Float values.
    public func argmax(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "argmax")
        if rank == 0 { return Tensor.zeros([]) }
        let indices = Reduce.argmax(detached(), axis: a)
        return keepDims ? indices : indices.reshaped(droppingAxes([a]))
    }

    /// `log Σ exp(x)` over `axes`, computed stably.
    public func logSumExp(axes: [Int], keepDims: Bool = false) -> Tensor {
        let shift = max(axes: axes, keepDims: true).detached()
        let finiteShift = Elementwise.map(shift, FiniteOrZero())
        let result = (self - finiteShift).exp().sum(axes: axes, keepDims: true).log() + finiteShift
        let reduced = reduceAxes(axes, op: "logSumExp")
        return keepDims ? result : result.reshaped(droppingAxes(reduced))
    }

    /// The axes to reduce, sorted and non-negative; a rank-0 tensor accepts axis 0 and has none to reduce.
    private func reduceAxes(_ axes: [Int], op: String) -> [Int] {
        let normalized = axes.isEmpty ? Array(0..<rank) : Shape.normalizeAxes(axes, rank: rank, op: op)
        return rank == 0 ? [] : normalized
    }

    private func droppingAxes(_ axes: [Int]) -> [Int] {
        shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }
}
