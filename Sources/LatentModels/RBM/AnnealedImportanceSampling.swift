import Foundation
import LatentNN

/// Annealed importance sampling of an RBM's log partition function (Salakhutdinov & Murray 2008): runs anneal
/// from a base model with no weights (visible biases `baseVisibleBias`, the data's base rates) to the RBM
/// through intermediate distributions p*_β(v) = exp(((1 − β)b_A + βb)ᵀv) Πⱼ (1 + exp(β(c + Wv)ⱼ)), each
/// moved by one Gibbs step that leaves its distribution unchanged; the mean importance weight estimates Z/Z_A.
/// Gaussian visible units anneal from N(b, 1) with no weights.
public struct AnnealedImportanceSampling: Sendable {
    /// The inverse temperatures β₀ = 0 < β₁ < … < β_K = 1.
    public let betas: [Float]
    /// Independent annealing runs.
    public let runs: Int
    /// The seed of the runs' draws.
    public let seed: UInt64

    /// `runs` runs through `intermediate` distributions spaced as Salakhutdinov & Murray's (500 β in [0, 0.5),
    /// 4,000 in [0.5, 0.9), 10,000 in [0.9, 1] of 14,500, scaled to `intermediate`).
    public init(intermediate: Int = 14_500, runs: Int = 100, seed: UInt64 = 0) {
        precondition(intermediate >= 3 && runs >= 2, "AnnealedImportanceSampling: needs at least 3 distributions and 2 runs, got \(intermediate) and \(runs)")
        let first = Swift.max(1, intermediate * 500 / 14_500), second = Swift.max(1, intermediate * 4_000 / 14_500)
        let third = intermediate - first - second
        func segment(_ low: Float, _ high: Float, _ count: Int) -> [Float] {
            (0..<count).map { low + (high - low) * Float($0) / Float(count) }
        }
        betas = segment(0, 0.5, first) + segment(0.5, 0.9, second) + segment(0.9, 1, third) + [1]
        self.runs = runs
        self.seed = seed
    }

    /// What AIS estimated.
    public struct Estimate: Sendable {
        /// log Ẑ, the log of the mean importance weight times Z_A.
        public let logZ: Double
        /// log(Ẑ − 3σ̂) and log(Ẑ + 3σ̂), σ̂ the standard error of the mean weight (−∞ when Ẑ − 3σ̂ ≤ 0).
        public let logZLow: Double
        public let logZHigh: Double
        /// log Z_A, the base model's exact log partition function.
        public let logZBase: Double
        /// Each run's log importance weight.
        public let logWeights: [Double]
    }

    /// The log visible biases of the base model from the mean activity of each visible unit in the data,
    /// log(p / (1 − p)) with p clamped to [0.005, 0.995] (Salakhutdinov & Murray's base-rate model).
    public static func baseRateBias(visibleMeans: [Float]) -> [Float] {
        visibleMeans.map { mean in
            let p = Swift.min(Swift.max(mean, 0.005), 0.995)
            return Foundation.log(p / (1 - p))
        }
    }

    /// The estimate of `machine`'s log Z, annealing from base visible biases `baseVisibleBias` (Bernoulli units;
    /// zeros when nil; Gaussian units always start from N(b, 1)).
    public func estimate(_ machine: RestrictedBoltzmannMachine, baseVisibleBias: [Float]? = nil) -> Estimate {
        withoutGrad {
            let visible = machine.visibleCount, gaussian = machine.visibleUnits == .gaussian
            let baseBias = Tensor(gaussian ? machine.visibleBias.values : (baseVisibleBias ?? Array(repeating: 0, count: visible)))
            precondition(baseBias.count == visible, "AnnealedImportanceSampling: \(baseBias.count) base biases for \(visible) visible units")
            var generator = RandomGenerator(seed: seed)
            var v = gaussian
                ? baseBias + Tensor.randn([runs, visible], generator: &generator)
                : baseBias.sigmoid().expand(to: [runs, visible]).copy().bernoulliDraw(generator: &generator)
            var logWeights = [Double](repeating: 0, count: runs)
            for k in 1..<betas.count {
                let input = machine.hiddenInput(v)
                let now = logUnnormalized(machine, v, input: input, beta: betas[k], baseBias: baseBias)
                let before = logUnnormalized(machine, v, input: input, beta: betas[k - 1], baseBias: baseBias)
                for run in 0..<runs { logWeights[run] += Double(now[run]) - Double(before[run]) }
                if k < betas.count - 1 { v = transition(machine, v, input: input, beta: betas[k], baseBias: baseBias, generator: &generator) }
            }
            let hidden = Double(machine.hiddenCount) * Foundation.log(2.0)
            let logZBase = gaussian
                ? hidden + Double(visible) / 2 * Foundation.log(2 * Double.pi)
                : hidden + baseBias.values.reduce(0) { $0 + PartitionFunction.softplus(Double($1)) }
            let top = logWeights.max() ?? 0
            let scaled = logWeights.map { Foundation.exp($0 - top) }
            let mean = scaled.reduce(0, +) / Double(runs)
            let variance = scaled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs - 1)
            let error = 3 * (variance / Double(runs)).squareRoot()
            let shift = logZBase + top
            return Estimate(logZ: shift + Foundation.log(mean),
                            logZLow: mean - error > 0 ? shift + Foundation.log(mean - error) : -.infinity,
                            logZHigh: shift + Foundation.log(mean + error), logZBase: logZBase, logWeights: logWeights)
        }
    }

    /// log p*_β of each row of `v` given its hidden input c + Wv, less terms that do not depend on β.
    private func logUnnormalized(_ machine: RestrictedBoltzmannMachine, _ v: Tensor, input: Tensor, beta: Float,
                                 baseBias: Tensor) -> [Float] {
        let hiddenTerm = (input * beta).logOnePlusExp().sum(axis: 1)
        if machine.visibleUnits == .gaussian { return hiddenTerm.values }
        let bias = (1 - beta) * baseBias + beta * machine.visibleBias
        return (v.matmul(bias.reshaped([machine.visibleCount, 1])).reshaped([v.shape[0]]) + hiddenTerm).values
    }

    /// One Gibbs step leaving p_β unchanged: h ~ σ(β(c + Wv)), then v from ((1 − β)b_A + β(b + hW)).
    private func transition(_ machine: RestrictedBoltzmannMachine, _ v: Tensor, input: Tensor, beta: Float, baseBias: Tensor,
                            generator: inout RandomGenerator) -> Tensor {
        let h = (input * beta).sigmoid().bernoulliDraw(generator: &generator)
        let top = h.matmul(machine.weight) * beta
        switch machine.visibleUnits {
        case .bernoulli:
            return (top + ((1 - beta) * baseBias + beta * machine.visibleBias)).sigmoid().bernoulliDraw(generator: &generator)
        case .gaussian:
            return top + machine.visibleBias + Tensor.randn(top.shape, generator: &generator)
        }
    }
}
