// Comparisons give constant 0/1 tensors; `where` picks values and routes gradients to the picked side.

extension Tensor {
    /// 1 where `self > other`, else 0.
    public func greater(_ other: Tensor) -> Tensor { Tensor.select(self, other, op: "greater", IsGreater()) }
    /// 1 where `self < other`, else 0.
    public func less(_ other: Tensor) -> Tensor { Tensor.select(self, other, op: "less", IsLess()) }
    /// 1 where `self >= other`, else 0.
    public func greaterEqual(_ other: Tensor) -> Tensor { Tensor.select(self, other, op: "greaterEqual", IsGreaterOrEqual()) }
    /// 1 where `self <= other`, else 0.
    public func lessEqual(_ other: Tensor) -> Tensor { Tensor.select(self, other, op: "lessEqual", IsLessOrEqual()) }
    /// 1 where `self == other`, else 0.
    public func equal(_ other: Tensor) -> Tensor { Tensor.select(self, other, op: "equal", IsEqual()) }

    /// 1 where `self > value`, else 0.
    public func greater(_ value: Float) -> Tensor { Elementwise.map(detached(), IsGreaterThan(value: value)) }
    /// 1 where `self < value`, else 0.
    public func less(_ value: Float) -> Tensor { Elementwise.map(detached(), IsLessThan(value: value)) }

    /// Values of `a` where `condition` is nonzero and of `b` elsewhere, all three broadcast together.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, op: "where"), b.shape, op: "where")
        let mask = condition.detached().expand(to: shape)
        let values = Elementwise.zip3(mask, a.detached().expand(to: shape), b.detached().expand(to: shape), Choose())
        return result(values, inputs: [a, b]) { c in
            [c.needs(0) ? (c.grad * mask.notEqualZero()).sum(toShape: a.shape) : nil,
             c.needs(1) ? (c.grad * (1 - mask.notEqualZero())).sum(toShape: b.shape) : nil]
        }
    }

    private func notEqualZero() -> Tensor { Elementwise.map(self, IsNonzero()) }
}
