import LatentNN

/// How grey values in [0, 1] become the binary visible states of a Bernoulli RBM.
public enum Binarization: String, Sendable, CaseIterable {
    /// Each pixel is 1 with probability its grey value, drawn afresh each time (the stochastic binarization
    /// of Salakhutdinov & Murray 2008).
    case stochastic
    /// Each pixel is 1 when its grey value exceeds 0.5.
    case threshold
    /// Values are used as they are (grey values as probabilities, or real data for Gaussian units).
    case none

    /// `x` binarized, drawing from `generator` for `.stochastic`.
    public func apply(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        switch self {
        case .stochastic: return x.bernoulliDraw(generator: &generator)
        case .threshold: return x.greater(0.5)
        case .none: return x
        }
    }

    /// The seed of the one fixed stochastic binarization of held-out data, so that evaluations compare.
    public static let heldOutSeed: UInt64 = 0xB1A5_2008
}
