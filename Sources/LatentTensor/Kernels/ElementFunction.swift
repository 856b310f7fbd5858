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
