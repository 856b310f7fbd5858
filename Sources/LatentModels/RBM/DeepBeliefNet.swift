import LatentNN

/// A deep belief net (Hinton, Osindero & Teh 2006): a stack of RBMs, each modelling the hidden probabilities of
/// the one below; the top one is an undirected associative memory, the others directed sigmoid belief layers
/// generating downwards. State dict: `layers.N.W`, `layers.N.v_bias`, `layers.N.h_bias`, layer 0 at the data.
public final class DeepBeliefNet: Module {
    /// The RBMs from the data upwards.
    public let layers: [RestrictedBoltzmannMachine]

    /// A DBN over `visible` binary units with hidden layers of `sizes` (such as [500, 500, 2000]).
    public init(visible: Int, sizes: [Int]) {
        precondition(!sizes.isEmpty, "DeepBeliefNet: needs at least one hidden layer")
        layers = zip([visible] + sizes.dropLast(), sizes).map { RestrictedBoltzmannMachine(visible: $0, hidden: $1) }
        super.init()
    }

    /// The top RBM.
    public var top: RestrictedBoltzmannMachine { layers[layers.count - 1] }

    /// The hidden probabilities of layer `count − 1` from an up pass of probabilities through the first `count`
    /// layers (`v` itself, flattened, when `count` is 0).
    public func up(_ v: Tensor, through count: Int) -> Tensor {
        var x = layers[0].flat(v)
        for layer in layers.prefix(count) { x = layer.hiddenProbabilities(x) }
        return x
    }

    /// Samples: `steps` Gibbs steps of the top RBM from `start` (states of its visible units), a draw of its hidden
    /// units, then a down pass drawing each lower layer's binary states, ending in the data layer's probabilities.
    public func generate(from start: Tensor, steps: Int, generator: inout RandomGenerator) -> Tensor {
        var x = top.gibbs(from: start, steps: steps, generator: &generator)
        x = top.visibleMean(top.hiddenProbabilities(x).bernoulliDraw(generator: &generator))
        for layer in layers.dropLast().reversed() {
            x = layer.visibleMean(x.bernoulliDraw(generator: &generator))
        }
        return x
    }

    /// One draw of the variational lower bound on log p(v) + log Z_top for each row of `v` (binary, [N, visible]):
    /// with hidden states drawn upwards from the factorial posteriors Q(hₗ₊₁ | hₗ) = σ(cₗ + Wₗhₗ),
    /// Σₗ [log p(hₗ | hₗ₊₁) + H(Q(hₗ₊₁ | hₗ))] − F_top(h_top) (Salakhutdinov & Murray 2008, eq. 14 applied layer by
    /// layer); for one layer it is −F(v). Subtracting log Z of the top RBM gives the bound.
    public func boundPlusLogZ(_ v: Tensor, generator: inout RandomGenerator) -> [Double] {
        var x = layers[0].flat(v)
        var total = [Double](repeating: 0, count: x.shape[0])
        func add(_ values: Tensor) { for (i, value) in values.values.enumerated() { total[i] += Double(value) } }
        for layer in layers.dropLast() {
            let input = layer.hiddenInput(x)
            let q = input.sigmoid()
            let h = q.bernoulliDraw(generator: &generator)
            add((input.logOnePlusExp() - q * input).sum(axis: 1))  // entropy of Q(h | x)
            let down = layer.visibleInput(h)
            add((x * down - down.logOnePlusExp()).sum(axis: 1))  // log p(x | h)
            x = h
        }
        add(-top.freeEnergy(x))
        return total
    }
}
