// Element functions of comparisons, giving 0/1 masks, for Ops/Compare.swift and gradient rules.

/// 1 where `a > b`, else 0.
struct IsGreater: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a > b ? 1 : 0 }
}

/// 1 where `a < b`, else 0.
struct IsLess: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a < b ? 1 : 0 }
}

/// 1 where `a >= b`, else 0.
struct IsGreaterOrEqual: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a >= b ? 1 : 0 }
}

/// 1 where `a <= b`, else 0.
struct IsLessOrEqual: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a <= b ? 1 : 0 }
}

/// 1 where `a == b`, else 0.
struct IsEqual: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a == b ? 1 : 0 }
}

/// The share of the gradient of `max(a, b)` that goes to `a`: 1 where `a > b`, ½ on ties, else 0.
struct MaximumShare: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a > b ? 1 : (a == b ? 0.5 : 0) }
}

/// 1 where `x > value`, else 0.
struct IsGreaterThan: UnaryElementFunction {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > value ? 1 : 0 }
}

/// 1 where `x < value`, else 0.
struct IsLessThan: UnaryElementFunction {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x < value ? 1 : 0 }
}

/// 1 where `x` is nonzero, else 0.
struct IsNonzero: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x != 0 ? 1 : 0 }
}

/// `a` where `condition` is nonzero, else `b`.
struct Choose: TernaryElementFunction {
    @inline(__always) func callAsFunction(_ condition: Float, _ a: Float, _ b: Float) -> Float { condition != 0 ? a : b }
}
