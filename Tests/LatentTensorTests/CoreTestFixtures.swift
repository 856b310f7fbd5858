import LatentTensor

/// Small deterministic inputs for the core op tests.
enum CoreFixtures {
    /// Values drawn uniformly from [low, high) with a fixed seed.
    static func uniform(_ shape: [Int], _ low: Float = -1, _ high: Float = 1, seed: UInt64 = 1) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        return Tensor.uniform(shape, low: low, high: high, generator: &generator)
    }

    /// Values whose magnitudes lie in [low, high) with random signs, away from kinks at zero.
    static func awayFromZero(_ shape: [Int], _ low: Float = 0.2, _ high: Float = 1.5, seed: UInt64 = 1) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        let magnitudes = Tensor.uniform(shape, low: low, high: high, generator: &generator).values
        let signs = Tensor.bernoulli(shape, p: 0.5, generator: &generator).values
        return Tensor(zip(magnitudes, signs).map { $1 == 1 ? $0 : -$0 }, shape: shape)
    }

    /// Distinct values at least 0.1 apart in random order, so that no maximum is near a tie.
    static func distinct(_ shape: [Int], seed: UInt64 = 1) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        let count = shape.reduce(1, *)
        let order = Tensor.permutation(count, generator: &generator)
        return Tensor(order.map { Float($0) * 0.1 - Float(count) * 0.05 }, shape: shape)
    }
}
