// Inverted dropout, as torch.nn.functional.dropout.

extension Tensor {
    /// Each value zeroed with probability `p` and the rest scaled by `1 / (1 − p)`, drawing from
    /// `generator`; the tensor itself when not `training` or when `p` is 0, and zeros when `p` is 1.
    public func dropout(p: Float = 0.5, training: Bool = true, generator: inout RandomGenerator) -> Tensor {
        precondition((0...1).contains(p), "dropout: probability must be in [0, 1], got \(p)")
        if !training || p == 0 { return self }
        return self * Tensor.dropoutMask(shape, p: p, generator: &generator)
    }

    /// Dropout drawing from the global generator; see `dropout(p:training:generator:)`.
    public func dropout(p: Float = 0.5, training: Bool = true) -> Tensor {
        precondition((0...1).contains(p), "dropout: probability must be in [0, 1], got \(p)")
        if !training || p == 0 { return self }
        let mask = GlobalRandom.use { Tensor.dropoutMask(shape, p: p, generator: &$0) }
        return self * mask
    }

    /// Values `1 / (1 − p)` with probability `1 − p` and 0 otherwise (all 0 when `p` is 1).
    private static func dropoutMask(_ shape: [Int], p: Float, generator: inout RandomGenerator) -> Tensor {
        let mask = uninitialized(shape)
        let buffer = mask.storage.buffer
        if p == 1 {
            buffer.update(repeating: 0)
            return mask
        }
        let keep = 1 - p, scale = 1 / (1 - p)
        for i in 0..<buffer.count { buffer[i] = generator.nextUniform() < keep ? scale : 0 }
        return mask
    }
}
