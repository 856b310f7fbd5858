/// `a + w·(b − a)`, evaluated as PyTorch's `lerp` does (from `b` when `w ≥ ½`) so results match bit for bit.
@inline(__always)
func lerp(_ a: Float, _ b: Float, _ w: Float) -> Float {
    w < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
}
