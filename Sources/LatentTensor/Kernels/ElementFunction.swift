/// A function of one value for `Elementwise.map`.
///
/// Element functions are types rather than closures so that each kernel is compiled for its
/// function, which is then inlined into the loop and vectorized where possible.
protocol UnaryElementFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// A function of two values for `Elementwise.zip` and `Reduce.fold`.
protocol BinaryElementFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

/// A function of three values for `Elementwise.zip3`.
protocol TernaryElementFunction {
    func callAsFunction(_ a: Float, _ b: Float, _ c: Float) -> Float
}

/// A closure as an element function, for rarely used functions where a call per value is acceptable.
struct BinaryClosure: BinaryElementFunction {
    let body: (Float, Float) -> Float
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { body(a, b) }
}

/// A closure as an element function, for rarely used functions where a call per value is acceptable.
struct TernaryClosure: TernaryElementFunction {
    let body: (Float, Float, Float) -> Float
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float, _ c: Float) -> Float { body(a, b, c) }
}
