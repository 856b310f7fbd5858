import LatentData
import LatentNN

/// An RBM's measurements on held-out data, binarized once with a fixed seed so that epochs compare.
public struct RBMEvaluation {
    public let machine: RestrictedBoltzmannMachine
    /// How the data's images become visible states.
    public let binarization: Binarization

    public init(machine: RestrictedBoltzmannMachine, binarization: Binarization) {
        self.machine = machine
        self.binarization = binarization
    }

    /// What one pass over held-out data measured, each a mean per image.
    public struct Measurements: Sendable {
        /// Mean free energy F(v).
        public var freeEnergy: Double
        /// Mean of ‖v − E[v | h ~ p(h | v)]‖², with the hidden probabilities in place of h.
        public var reconstructionError: Double
        /// Mean pseudo-log-likelihood, visible · log σ(F(ṽ) − F(v)) with ṽ equal to v but one unit flipped
        /// (a unit drawn per image from a fixed seed), as scikit-learn's `BernoulliRBM.score_samples`; nil for
        /// Gaussian units.
        public var pseudoLikelihood: Double?
        /// Images measured.
        public var count: Int

        /// The values as `metrics.jsonl` logs them.
        public var logged: [String: Float] {
            var values = ["val_free_energy": Float(freeEnergy), "val_reconstruction_error": Float(reconstructionError)]
            if let pseudoLikelihood { values["val_pseudo_likelihood"] = Float(pseudoLikelihood) }
            return values
        }
    }

    /// The visible states of every batch of `data`, binarized with the fixed held-out seed.
    public func visibleBatches(_ data: DataLoader) -> [Tensor] {
        var generator = RandomGenerator(seed: Binarization.heldOutSeed)
        return data.epoch(0).map { binarization.apply(machine.flat($0.inputs), generator: &generator) }
    }

    /// The measurements over every batch of `data`.
    public func measure(_ data: DataLoader) -> Measurements {
        withoutGrad {
            var flips = RandomGenerator(seed: Binarization.heldOutSeed ^ 0xF11B)
            var energy = 0.0, error = 0.0, pseudo = 0.0, count = 0
            for v in visibleBatches(data) {
                let input = machine.hiddenInput(v)
                let free = machine.freeEnergy(v, hiddenInput: input)
                energy += Double(free.sum().item)
                error += Double((machine.visibleMean(input.sigmoid()) - v).square().sum().item)
                if machine.visibleUnits == .bernoulli {
                    let flipped = Self.flippingOneUnit(v, generator: &flips)
                    let gap = machine.freeEnergy(flipped) - free
                    pseudo += Double((gap.sigmoid().log() * Float(machine.visibleCount)).sum().item)
                }
                count += v.shape[0]
            }
            let n = Double(Swift.max(count, 1))
            return Measurements(freeEnergy: energy / n, reconstructionError: error / n,
                                pseudoLikelihood: machine.visibleUnits == .bernoulli ? pseudo / n : nil, count: count)
        }
    }

    /// The mean of −F(v) over `data`; minus log Z it is the mean log-likelihood.
    public func meanNegativeFreeEnergy(_ data: DataLoader) -> Double {
        withoutGrad {
            var total = 0.0, count = 0
            for v in visibleBatches(data) {
                total -= Double(machine.freeEnergy(v).sum().item)
                count += v.shape[0]
            }
            return total / Double(Swift.max(count, 1))
        }
    }

    /// The mean of each visible unit over `data`'s binarized images.
    public func visibleMeans(_ data: DataLoader) -> [Float] {
        var sum = Tensor.zeros([machine.visibleCount]), count = 0
        for v in visibleBatches(data) {
            sum = sum + v.sum(axis: 0)
            count += v.shape[0]
        }
        return (sum * (1 / Float(Swift.max(count, 1)))).values
    }

    /// `v` with one unit per row flipped (0 ↔ 1), the unit drawn uniformly from `generator`.
    static func flippingOneUnit(_ v: Tensor, generator: inout RandomGenerator) -> Tensor {
        let result = v.copy()
        let columns = v.shape[1]
        result.withMutableValues { values in
            for row in 0..<v.shape[0] {
                let index = row * columns + generator.nextInt(below: columns)
                values[index] = 1 - values[index]
            }
        }
        return result
    }
}
