#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Element functions of Ops/Unary.swift: activations, their fused backward rules, and their masks
// (exp, tanh, the sigmoid and the leaky ReLU run as CLatentKernels' array kernels).

/// The natural logarithm.
struct Log: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { logf(x) }
}

/// √x.
struct SquareRoot: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() }
}

/// |x|.
struct Absolute: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.abs(x) }
}

/// 1, −1 or 0 by the sign of `x`.
struct Sign: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

/// x².
struct Square: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x }
}

/// The gradient through tanh, given the incoming gradient and tanh's output `y`: `g · (1 − y²)`.
struct TanhBackward: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}

/// The gradient through the sigmoid, given the incoming gradient and the sigmoid's output `y`.
struct SigmoidBackward: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
}

/// The derivative of the leaky ReLU: 1 where `x` is positive, `slope` elsewhere.
struct LeakyReluSlope: UnaryElementFunction {
    let slope: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? 1 : slope }
}

/// `x` where positive, `alpha · (eˣ − 1)` elsewhere.
struct EluForward: UnaryElementFunction {
    let alpha: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : alpha * (expf(x) - 1) }
}

/// `log(1 + e^{βx}) / β`, or `x` above `threshold / β`.
struct SoftplusForward: UnaryElementFunction {
    let beta: Float, threshold: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        x * beta > threshold ? x : log1pf(expf(x * beta)) / beta
    }
}

/// 1 where softplus is linear (`βx` above the threshold), else 0.
struct SoftplusLinearMask: UnaryElementFunction {
    let beta: Float, threshold: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * beta > threshold ? 1 : 0 }
}

/// `x` limited to [low, high].
struct Clamp: UnaryElementFunction {
    let low: Float, high: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.min(Swift.max(x, low), high) }
}

/// 1 where `x` lies in [low, high], else 0.
struct InRange: UnaryElementFunction {
    let low: Float, high: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x >= low && x <= high ? 1 : 0 }
}

/// 1 where `x` is finite, else 0.
struct IsFinite: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.isFinite ? 1 : 0 }
}

/// `x` where finite, else 0.
struct FiniteOrZero: UnaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.isFinite ? x : 0 }
}
