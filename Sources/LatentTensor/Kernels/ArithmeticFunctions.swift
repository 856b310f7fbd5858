#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Element functions of arithmetic, for the kernels of Ops/Arithmetic.swift and the reductions.

/// `a + b`.
struct Add: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b }
}

/// `a − b`.
struct Subtract: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b }
}

/// `a · b`.
struct Multiply: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b }
}

/// `a / b`.
struct Divide: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b }
}

/// The larger of `a` and `b`, as `Swift.max`.
struct Maximum: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { Swift.max(a, b) }
}

/// `a` raised to `b`.
struct Power: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { power(a, b) }
}

/// `x` raised to a fixed exponent.
struct RaiseTo: UnaryElementFunction {
    let exponent: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { power(x, exponent) }
}

/// `−x`.
struct Negate: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { -x }
}

/// `x + shift`.
struct Shift: UnaryElementFunction {
    let shift: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x + shift }
}

/// `x · factor`.
struct ScaleBy: UnaryElementFunction {
    let factor: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * factor }
}

/// `minuend − x`.
struct SubtractFrom: UnaryElementFunction {
    let minuend: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { minuend - x }
}

/// `dividend / x`.
struct DivideInto: UnaryElementFunction {
    let dividend: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { dividend / x }
}

/// `x` raised to `y`, with the common exponents 1 and 2 computed exactly.
@inline(__always)
func power(_ x: Float, _ y: Float) -> Float {
    if y == 2 { return x * x }
    if y == 1 { return x }
    return powf(x, y)
}
