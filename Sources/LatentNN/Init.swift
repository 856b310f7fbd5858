import LatentTensor

/// Weight initializers that fill a tensor in place, as `torch.nn.init`.
///
/// Each takes a `RandomGenerator`, or uses the global generator when none is given.
/// Layers call them from their initializers; call them again (after `freeze`, in `apply`) to
/// re-initialize, as DCGAN's `normal(weight, mean: 0, std: 0.02)`.
public enum Init {
    /// Which fan a variance-scaling initializer preserves: `fanIn` keeps forward activations'
    /// variance, `fanOut` the backward gradients'.
    public enum FanMode: Sendable {
        case fanIn, fanOut
    }

    /// The nonlinearity a gain is computed for, as `torch.nn.init.calculate_gain`.
    public enum Nonlinearity: Sendable {
        case linear, conv, sigmoid, tanh, relu, leakyRelu, selu
    }

    /// The recommended gain for `nonlinearity`; `param` is leaky ReLU's negative slope (0.01 when nil).
    public static func calculateGain(_ nonlinearity: Nonlinearity, param: Float? = nil) -> Float {
        switch nonlinearity {
        case .linear, .conv, .sigmoid: return 1
        case .tanh: return 5.0 / 3
        case .relu: return Float(2).squareRoot()
        case .leakyRelu:
            let slope = param ?? 0.01
            return (2 / (1 + slope * slope)).squareRoot()
        case .selu: return 3.0 / 4
        }
    }

    /// Fan-in and fan-out of a weight of `shape` (out, in, kernel…), as PyTorch computes them.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(shape.count >= 2, "Init.fans: needs a weight of rank ≥ 2, got shape \(shape)")
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// Values drawn uniformly from [low, high).
    public static func uniform(_ tensor: Tensor, low: Float = 0, high: Float = 1, generator: inout RandomGenerator) {
        tensor.withMutableValues { values in
            for i in values.indices { values[i] = low + (high - low) * generator.nextUniform() }
        }
    }

    /// Values drawn uniformly from [low, high) with the global generator.
    public static func uniform(_ tensor: Tensor, low: Float = 0, high: Float = 1) {
        GlobalRandom.use { uniform(tensor, low: low, high: high, generator: &$0) }
    }

    /// Values drawn from N(mean, std²).
    public static func normal(_ tensor: Tensor, mean: Float = 0, std: Float = 1, generator: inout RandomGenerator) {
        tensor.withMutableValues { generator.fillNormal($0, mean: mean, std: std) }
    }

    /// Values drawn from N(mean, std²) with the global generator.
    public static func normal(_ tensor: Tensor, mean: Float = 0, std: Float = 1) {
        GlobalRandom.use { normal(tensor, mean: mean, std: std, generator: &$0) }
    }

    /// Every value set to `value`.
    public static func constant(_ tensor: Tensor, _ value: Float) {
        tensor.withMutableValues { $0.update(repeating: value) }
    }

    /// Every value set to 0.
    public static func zeros(_ tensor: Tensor) { constant(tensor, 0) }

    /// Every value set to 1.
    public static func ones(_ tensor: Tensor) { constant(tensor, 1) }

    /// Glorot uniform: U(−b, b) with b = gain · √(6 / (fan_in + fan_out)).
    public static func xavierUniform(_ tensor: Tensor, gain: Float = 1, generator: inout RandomGenerator) {
        let (fanIn, fanOut) = fans(tensor.shape)
        let bound = gain * (6 / Float(fanIn + fanOut)).squareRoot()
        uniform(tensor, low: -bound, high: bound, generator: &generator)
    }

    /// Glorot uniform with the global generator.
    public static func xavierUniform(_ tensor: Tensor, gain: Float = 1) {
        GlobalRandom.use { xavierUniform(tensor, gain: gain, generator: &$0) }
    }

    /// Glorot normal: N(0, std²) with std = gain · √(2 / (fan_in + fan_out)).
    public static func xavierNormal(_ tensor: Tensor, gain: Float = 1, generator: inout RandomGenerator) {
        let (fanIn, fanOut) = fans(tensor.shape)
        normal(tensor, std: gain * (2 / Float(fanIn + fanOut)).squareRoot(), generator: &generator)
    }

    /// Glorot normal with the global generator.
    public static func xavierNormal(_ tensor: Tensor, gain: Float = 1) {
        GlobalRandom.use { xavierNormal(tensor, gain: gain, generator: &$0) }
    }

    /// He uniform: U(−b, b) with b = √3 · gain / √fan; `a` is the leaky ReLU slope the gain uses.
    /// `kaimingUniform(w, a: √5)` is PyTorch's default for Linear and convolution weights.
    public static func kaimingUniform(
        _ tensor: Tensor, a: Float = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu,
        generator: inout RandomGenerator
    ) {
        let bound = Float(3).squareRoot() * kaimingStd(tensor.shape, a: a, mode: mode, nonlinearity: nonlinearity)
        uniform(tensor, low: -bound, high: bound, generator: &generator)
    }

    /// He uniform with the global generator.
    public static func kaimingUniform(
        _ tensor: Tensor, a: Float = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu
    ) {
        GlobalRandom.use { kaimingUniform(tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: &$0) }
    }

    /// He normal: N(0, std²) with std = gain / √fan.
    public static func kaimingNormal(
        _ tensor: Tensor, a: Float = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu,
        generator: inout RandomGenerator
    ) {
        normal(tensor, std: kaimingStd(tensor.shape, a: a, mode: mode, nonlinearity: nonlinearity), generator: &generator)
    }

    /// He normal with the global generator.
    public static func kaimingNormal(
        _ tensor: Tensor, a: Float = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu
    ) {
        GlobalRandom.use { kaimingNormal(tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: &$0) }
    }

    private static func kaimingStd(_ shape: [Int], a: Float, mode: FanMode, nonlinearity: Nonlinearity) -> Float {
        let (fanIn, fanOut) = fans(shape)
        let fan = mode == .fanIn ? fanIn : fanOut
        return calculateGain(nonlinearity, param: a) / Float(fan).squareRoot()
    }

    /// A (semi-)orthogonal matrix times `gain`, over the first axis and the rest flattened,
    /// from the QR decomposition of a normal matrix as PyTorch's `orthogonal_`.
    public static func orthogonal(_ tensor: Tensor, gain: Float = 1, generator: inout RandomGenerator) {
        precondition(tensor.rank >= 2, "Init.orthogonal: needs a tensor of rank ≥ 2, got shape \(tensor.shape)")
        let rows = tensor.shape[0], columns = tensor.count / Swift.max(rows, 1)
        guard tensor.count > 0 else { return }
        let normal = Tensor.randn([rows, columns], generator: &generator).values.map(Double.init)
        // Orthonormalize the columns of the taller orientation (Gram–Schmidt gives R a positive diagonal,
        // which is PyTorch's sign correction).
        let transposed = rows < columns
        let (m, n) = transposed ? (columns, rows) : (rows, columns)
        var q = [Double](repeating: 0, count: m * n)  // column-major m × n
        for j in 0..<n {
            for i in 0..<m { q[j * m + i] = transposed ? normal[j * columns + i] : normal[i * columns + j] }
            for _ in 0..<2 {  // a second pass restores orthogonality lost to rounding
                for k in 0..<j {
                    var dot = 0.0
                    for i in 0..<m { dot += q[k * m + i] * q[j * m + i] }
                    for i in 0..<m { q[j * m + i] -= dot * q[k * m + i] }
                }
            }
            var norm = 0.0
            for i in 0..<m { norm += q[j * m + i] * q[j * m + i] }
            norm = norm.squareRoot()
            for i in 0..<m { q[j * m + i] /= norm }
        }
        tensor.withMutableValues { values in
            for r in 0..<rows {
                for c in 0..<columns {
                    let value = transposed ? q[r * m + c] : q[c * m + r]
                    values[r * columns + c] = gain * Float(value)
                }
            }
        }
    }

    /// An orthogonal initialization with the global generator.
    public static func orthogonal(_ tensor: Tensor, gain: Float = 1) {
        GlobalRandom.use { orthogonal(tensor, gain: gain, generator: &$0) }
    }
}
