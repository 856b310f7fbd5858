/// The gradient of the binary cross-entropy with respect to the probability, given the incoming gradient
/// (the other terms of Ops/BinaryCrossEntropy.swift are CLatentKernels' array kernels).
struct BinaryCrossEntropyProbabilityGradient: TernaryElementFunction {
    @inline(__always) func callAsFunction(_ g: Float, _ p: Float, _ y: Float) -> Float {
        g * (p - y) / Swift.max(p * (1 - p), 1e-12)
    }
}
