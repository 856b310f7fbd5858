extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Shape.validate(shape, op: "zeros")
        return Tensor(shape: shape, storage: TensorStorage(zeros: Shape.count(shape)))
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }

    /// A tensor with every value equal to `value`.
    public static func full(_ shape: [Int], _ value: Float) -> Tensor {
        Shape.validate(shape, op: "full")
        let result = uninitialized(shape)
        result.storage.pointer.update(repeating: value, count: result.count)
        return result
    }

    /// Zeros with the shape of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }
    /// Ones with the shape of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// A rank-1 tensor of `0, 1, …` below `end`, as `torch.arange(end)`.
    public static func arange(_ end: Float) -> Tensor { arange(0, end) }

    /// A rank-1 tensor of `start, start + step, …` below `end`, as `torch.arange`.
    public static func arange(_ start: Float, _ end: Float, step: Float = 1) -> Tensor {
        precondition(step != 0, "arange: step must not be zero")
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<count).map { start + Float($0) * step })
    }

    /// A rank-1 tensor of `count` evenly spaced values from `start` to `end` inclusive, as `torch.linspace`.
    public static func linspace(_ start: Float, _ end: Float, count: Int) -> Tensor {
        precondition(count >= 0, "linspace: count must not be negative, got \(count)")
        if count == 1 { return Tensor([start]) }
        let step = (end - start) / Float(count - 1)
        return Tensor((0..<count).map { start + Float($0) * step })
    }

    /// Values drawn from a normal distribution (per-sample draws follow `generator.batchShard`).
    public static func randn(
        _ shape: [Int], mean: Float = 0, std: Float = 1, generator: inout RandomGenerator
    ) -> Tensor {
        Shape.validate(shape, op: "randn")
        return drawnForShard(shape, generator: &generator) { shape, generator in
            let result = uninitialized(shape)
            generator.fillNormal(result.storage.buffer, mean: mean, std: std)
            return result
        }
    }

    /// Values drawn from a normal distribution with the global generator.
    public static func randn(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        GlobalRandom.use { randn(shape, mean: mean, std: std, generator: &$0) }
    }

    /// Values drawn uniformly from [low, high) (per-sample draws follow `generator.batchShard`).
    public static func uniform(
        _ shape: [Int], low: Float = 0, high: Float = 1, generator: inout RandomGenerator
    ) -> Tensor {
        Shape.validate(shape, op: "uniform")
        return drawnForShard(shape, generator: &generator) { shape, generator in
            let result = uninitialized(shape)
            let buffer = result.storage.buffer
            // Rounding can carry `low + (high − low)·u` up to `high` itself; the limit keeps the range half-open.
            let top = high > low ? high.nextDown : Float.infinity
            for i in 0..<buffer.count { buffer[i] = Swift.min(low + (high - low) * generator.nextUniform(), top) }
            return result
        }
    }

    /// Values drawn uniformly from [low, high) with the global generator.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        GlobalRandom.use { uniform(shape, low: low, high: high, generator: &$0) }
    }

    /// Ones with probability `p` and zeros otherwise (per-sample draws follow `generator.batchShard`).
    public static func bernoulli(_ shape: [Int], p: Float, generator: inout RandomGenerator) -> Tensor {
        precondition((0...1).contains(p), "bernoulli: probability must be in [0, 1], got \(p)")
        Shape.validate(shape, op: "bernoulli")
        return drawnForShard(shape, generator: &generator) { shape, generator in
            let result = uninitialized(shape)
            let buffer = result.storage.buffer
            for i in 0..<buffer.count { buffer[i] = generator.nextUniform() < p ? 1 : 0 }
            return result
        }
    }

    /// Ones with probability `p` and zeros otherwise, with the global generator.
    public static func bernoulli(_ shape: [Int], p: Float) -> Tensor {
        GlobalRandom.use { bernoulli(shape, p: p, generator: &$0) }
    }

    /// A random ordering of 0..<count (Fisher–Yates).
    public static func permutation(_ count: Int, generator: inout RandomGenerator) -> [Int] {
        var order = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                order.swapAt(i, generator.nextInt(below: i + 1))
            }
        }
        return order
    }

    /// A random ordering of 0..<count with the global generator.
    public static func permutation(_ count: Int) -> [Int] {
        GlobalRandom.use { permutation(count, generator: &$0) }
    }
}
