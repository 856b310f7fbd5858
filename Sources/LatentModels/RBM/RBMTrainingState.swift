import LatentNN

/// What an RBM's training carries between updates besides its weights, saved with checkpoints so that a
/// resumed run continues bit for bit: the persistent chains' visible states and the running mean of the
/// hidden probabilities that the sparsity penalty steers.
public final class RBMTrainingState: Module {
    /// The visible states of the persistent (PCD) chains, [chains, visible]; unused by CD-k.
    @Buffer public var persistentChain: Tensor
    /// The running mean of p(hⱼ = 1 | data) over training batches (decay 0.9), [hidden].
    @Buffer public var hiddenActivity: Tensor

    /// `chains` persistent chains starting at uniform random binary states drawn from `GlobalRandom`, and a
    /// hidden activity of `target`.
    public init(chains: Int, visible: Int, hidden: Int, target: Float) {
        persistentChain = Tensor.bernoulli([chains, visible], p: 0.5)
        hiddenActivity = Tensor.full([hidden], target)
        super.init()
    }
}
