/// Branch-free, vectorizable versions of exp, log, log1p, tanh and the logistic sigmoid, accurate to a few units
/// in the last place (tested against the C library), for element-wise loops that call them millions
/// of times. The C library's `tanhf` and `expf` are scalar calls that the compiler cannot vectorize.
enum FastMath {
    /// eˣ: infinity above 88.72, zero below −103.97 (where the true value is under the smallest
    /// subnormal), NaN for NaN.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        // e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln 2 / 2; ln 2 is split in two parts so
        // that r is exact. The polynomial is Cephes' minimax fit of e^r on that interval.
        let clamped = x.isNaN ? 0 : Swift.min(Swift.max(x, -103.97), 88.73)
        let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
        let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 0.166_666_655
        p = p * r + 0.500_000_01
        p = p * r * r + r + 1
        // 2^n as two factors keeps both exponents within the normal range for n from −150 to 128.
        let half = (n * 0.5).rounded(.down)
        let result = p * powerOfTwo(half) * powerOfTwo(n - half)
        if x.isNaN { return x }
        return x > 88.73 ? .infinity : (x < -103.9 ? 0 : result)
    }

    /// The hyperbolic tangent.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let a = Swift.abs(x)
        // Near zero, the Taylor series through x¹⁵ (error below 1e-7 relative for |x| < 0.5) avoids
        // the cancellation of 1 − 2/(e^{2|x|} + 1).
        let s = a * a
        var p: Float = -929_569.0 / 638_512_875.0
        p = p * s + 21_844.0 / 6_081_075.0
        p = p * s - 1_382.0 / 155_925.0
        p = p * s + 62.0 / 2_835.0
        p = p * s - 17.0 / 315.0
        p = p * s + 2.0 / 15.0
        p = p * s - 1.0 / 3.0
        let small = a + a * s * p
        let large = 1 - 2 / (exp(2 * a) + 1)
        let magnitude = a < 0.5 ? small : large
        if x.isNaN { return x }
        return x < 0 ? -magnitude : magnitude
    }

    /// The logistic sigmoid 1 / (1 + e⁻ˣ).
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        // For negative x, eˣ / (1 + eˣ) keeps relative accuracy where the result is tiny.
        let e = exp(-Swift.abs(x))
        let positive = 1 / (1 + e)
        return x >= 0 ? positive : (x.isNaN ? x : e * positive)
    }

    /// The natural logarithm: −∞ at 0, NaN below 0 and for NaN, ∞ at ∞; subnormal inputs included.
    @inline(__always)
    static func log(_ x: Float) -> Float {
        // x = m · 2^e with m in [√½, √2); log m from Cephes' minimax polynomial in f = m − 1.
        let subnormal = x < Float.leastNormalMagnitude
        let scaled = subnormal ? x * 8_388_608 : x  // 2^23 lifts subnormals into the normal range
        let bits = scaled.bitPattern
        var e = Float(Int32(truncatingIfNeeded: (bits >> 23) & 0xFF) - 126) - (subnormal ? 23 : 0)
        var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000)  // in [0.5, 1)
        let below = m < 0.707_106_78
        e = below ? e - 1 : e
        m = below ? m + m - 1 : m - 1
        let z = m * m
        var y: Float = 7.037_683_6e-2
        y = y * m - 0.115_146_1
        y = y * m + 0.116_769_99
        y = y * m - 0.124_201_41
        y = y * m + 0.142_493_23
        y = y * m - 0.166_680_58
        y = y * m + 0.200_007_15
        y = y * m - 0.249_999_94
        y = y * m + 0.333_333_31
        y = y * m * z
        y += -2.121_944_4e-4 * e
        y += -0.5 * z
        let result = m + y + 0.693_359_375 * e
        if x == 0 { return -.infinity }
        if !(x > 0) { return .nan }
        return x == .infinity ? .infinity : result
    }

    /// log(1 + x), accurate for tiny x: −∞ at −1, NaN below −1.
    @inline(__always)
    static func log1p(_ x: Float) -> Float {
        // log(u)·x/(u − 1) with u = 1 + x cancels the rounding error of u (Goldberg's trick).
        let u = 1 + x
        let corrected = log(u) * (x / (u - 1))
        if x == .infinity { return x }
        return u == 1 ? x : (u == 0 ? -.infinity : corrected)
    }

    @inline(__always)
    private static func powerOfTwo(_ n: Float) -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: Int32(n) + 127) << 23)
    }
}
