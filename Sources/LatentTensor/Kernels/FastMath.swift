import CLatentKernels

/// Branch-free, vectorizable versions of exp, log, log1p, tanh and the logistic sigmoid, accurate to a few units
/// in the last place (tested against the C library), for element-wise loops that call them millions
/// of times. The C library's `tanhf` and `expf` are scalar calls that the compiler cannot vectorize.
///
/// They are defined once, in C (CLatentKernels.h), where the array kernels of `Elementwise.map` use them too.
enum FastMath {
    /// eˣ: infinity above 88.72, zero below −103.97 (where the true value is under the smallest
    /// subnormal), NaN for NaN.
    @inline(__always)
    static func exp(_ x: Float) -> Float { latent_exp(x) }

    /// The hyperbolic tangent.
    @inline(__always)
    static func tanh(_ x: Float) -> Float { latent_tanh(x) }

    /// The logistic sigmoid 1 / (1 + e⁻ˣ).
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { latent_sigmoid(x) }

    /// The natural logarithm: −∞ at 0, NaN below 0 and for NaN, ∞ at ∞; subnormal inputs included.
    @inline(__always)
    static func log(_ x: Float) -> Float { latent_log(x) }

    /// log(1 + x), accurate for tiny x: −∞ at −1, NaN below −1.
    @inline(__always)
    static func log1p(_ x: Float) -> Float { latent_log1p(x) }
}
