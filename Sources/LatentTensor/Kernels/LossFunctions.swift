/// Element functions of the fused binary cross-entropy ops.

/// `−[y·log p + (1 − y)·log(1 − p)]` with both logs clamped at −100, as PyTorch.
struct BinaryCrossEntropyForward: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ p: Float, _ y: Float) -> Float {
        (y - 1) * Swift.max(FastMath.log1p(-p), -100) - y * Swift.max(FastMath.log(p), -100)
    }
}

/// The gradient of the binary cross-entropy with respect to the probability, given the incoming gradient.
struct BinaryCrossEntropyProbabilityGradient: TernaryElementFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ p: Float, _ y: Float) -> Float {
        g * (p - y) / Swift.max(p * (1 - p), 1e-12)
    }
}

/// The gradient of the binary cross-entropy with respect to the target, given the incoming gradient.
struct BinaryCrossEntropyTargetGradient: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ p: Float) -> Float {
        g * (Swift.max(FastMath.log1p(-p), -100) - Swift.max(FastMath.log(p), -100))
    }
}

/// `max(x, 0) − x·y + log(1 + e^{−|x|})`: the binary cross-entropy of sigmoid(x), computed stably.
struct BinaryCrossEntropyWithLogitsForward: BinaryElementFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float {
        Swift.max(x, 0) - x * y + FastMath.log1p(FastMath.exp(-Swift.abs(x)))
    }
}

/// The gradient of the logits' binary cross-entropy with respect to the logit: `g·(sigmoid(x) − y)`.
struct BinaryCrossEntropyWithLogitsGradient: TernaryElementFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float, _ y: Float) -> Float {
        g * (FastMath.sigmoid(x) - y)
    }
}
