import LatentNN

/// The gradient estimate of contrastive divergence (Hinton 2002) for an RBM: data statistics minus the
/// statistics of visible states reached by `k` Gibbs steps, from the data (CD-k) or from persistent chains
/// kept between updates (PCD, Tieleman 2008).
public struct ContrastiveDivergence: Sendable {
    /// Gibbs steps of the negative phase per update.
    public let k: Int
    /// Whether the negative chains continue from the previous update's end (PCD) instead of the data.
    public let persistent: Bool

    public init(k: Int = 1, persistent: Bool = false) {
        precondition(k >= 1, "ContrastiveDivergence: k must be at least 1, got \(k)")
        self.k = k
        self.persistent = persistent
    }

    /// What one estimate found.
    public struct Estimate {
        /// The gradients of the negative log-likelihood estimate by state-dict key (`W`, `v_bias`, `h_bias`): equal to the
        /// gradients of mean F(data) − mean F(negative) with the negative states held fixed.
        public let gradients: Gradients
        /// The visible states at the end of the negative chains.
        public let negative: Tensor
        /// p(h | data), [N, hidden].
        public let positiveHidden: Tensor
        /// mean F(data) − mean F(negative), the contrastive free-energy gap.
        public let freeEnergyGap: Float
    }

    /// The estimate for the batch `data` ([N, visible]) with negative chains starting at `chainStart`
    /// (the data for CD-k, the persistent chains for PCD), drawing the Gibbs steps from `generator` in the order of
    /// `RestrictedBoltzmannMachine.gibbs(from:steps:generator:)`.
    public func estimate(_ machine: RestrictedBoltzmannMachine, data: Tensor, chainStart: Tensor,
                         generator: inout RandomGenerator) -> Estimate {
        withoutGrad {
            let positive = machine.flat(data)
            let positiveInput = machine.hiddenInput(positive)
            // CD's chains start at the data, whose hidden input is already known.
            var negative = machine.flat(chainStart)
            var negativeInput = chainStart === data ? positiveInput : machine.hiddenInput(negative)
            for _ in 0..<k {
                let hidden = negativeInput.sigmoid().bernoulliDraw(generator: &generator)
                negative = machine.sampleVisible(hidden, generator: &generator)
                negativeInput = machine.hiddenInput(negative)
            }
            return Self.statistics(machine, positive: positive, positiveInput: positiveInput,
                                   negative: negative, negativeInput: negativeInput)
        }
    }

    /// The gradients of mean F(`positive`) − mean F(`negative`) and the gap itself (the data term minus the
    /// model term), given both batches' hidden inputs c + Wv.
    public static func statistics(_ machine: RestrictedBoltzmannMachine, positive: Tensor, positiveInput: Tensor,
                                  negative: Tensor, negativeInput: Tensor) -> Estimate {
        withoutGrad {
            let positiveHidden = positiveInput.sigmoid(), negativeHidden = negativeInput.sigmoid()
            let n = Float(positive.shape[0]), m = Float(negative.shape[0])
            // One product [p⁻/m; −p⁺/n]ᵀ · [v⁻; v⁺] instead of two and a difference, with the small left factor
            // transposed beforehand: OpenBLAS multiplies untransposed operands about twice as fast here.
            let weight = Tensor.concatenated([negativeHidden * (1 / m), positiveHidden * (-1 / n)]).transposed()
                .matmul(Tensor.concatenated([negative, positive]))
            let visible = negative.mean(axis: 0) - positive.mean(axis: 0)
            let hidden = negativeHidden.mean(axis: 0) - positiveHidden.mean(axis: 0)
            let gap = machine.freeEnergy(positive, hiddenInput: positiveInput).mean().item
                - machine.freeEnergy(negative, hiddenInput: negativeInput).mean().item
            return Estimate(gradients: ["W": weight, "v_bias": visible, "h_bias": hidden], negative: negative,
                            positiveHidden: positiveHidden, freeEnergyGap: gap)
        }
    }
}
