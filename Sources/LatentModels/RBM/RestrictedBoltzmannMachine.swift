import LatentNN

/// The distribution of a restricted Boltzmann machine's visible units.
public enum VisibleUnits: String, Sendable, CaseIterable {
    /// Binary units, p(vᵢ = 1 | h) = σ(bᵢ + (hW)ᵢ), for data in [0, 1] (binarized images).
    case bernoulli
    /// Real units of unit variance, v | h ~ N(b + hW, 1), for standardized real data.
    case gaussian
}

/// A restricted Boltzmann machine: binary hidden units h and visible units v with energy
/// E(v, h) = −bᵀv − cᵀh − hᵀWv (Bernoulli visible units) or ½‖v − b‖² − cᵀh − hᵀWv (Gaussian ones).
///
/// State dict: `W` of shape [hidden, visible], `v_bias` (b) and `h_bias` (c), the names and layout of the
/// usual PyTorch RBM (`F.linear(v, W, h_bias)` gives the hidden units' input). Inputs may be images: they are
/// flattened to `[N, visible]`.
public final class RestrictedBoltzmannMachine: Module {
    /// The weights W, [hidden, visible].
    @Parameter public var weight: Tensor
    /// The visible biases b.
    @Parameter public var visibleBias: Tensor
    /// The hidden biases c.
    @Parameter public var hiddenBias: Tensor
    /// The number of visible units.
    public let visibleCount: Int
    /// The number of hidden units.
    public let hiddenCount: Int
    /// The distribution of the visible units.
    public let visibleUnits: VisibleUnits

    /// An RBM of `visible` × `hidden` units with weights drawn from N(0, `weightStd`²) by `GlobalRandom` and zero
    /// biases, as Hinton's practical guide (2010) advises.
    public init(visible: Int, hidden: Int, visibleUnits: VisibleUnits = .bernoulli, weightStd: Float = 0.01) {
        precondition(visible >= 1 && hidden >= 1, "RestrictedBoltzmannMachine: needs at least one visible and one hidden unit, got \(visible) and \(hidden)")
        _weight = Parameter(wrappedValue: Tensor.randn([hidden, visible], std: weightStd), key: "W")
        _visibleBias = Parameter(wrappedValue: Tensor.zeros([visible]), key: "v_bias")
        _hiddenBias = Parameter(wrappedValue: Tensor.zeros([hidden]), key: "h_bias")
        visibleCount = visible
        hiddenCount = hidden
        self.visibleUnits = visibleUnits
        super.init()
    }

    /// `x` as a `[N, visible]` matrix; stops with a message when its size does not fit.
    public func flat(_ x: Tensor) -> Tensor {
        let matrix = x.rank == 2 ? x : x.flattened()
        precondition(matrix.rank == 2 && matrix.shape[1] == visibleCount,
                     "RestrictedBoltzmannMachine: expected \(visibleCount) visible values per sample, got shape \(x.shape)")
        return matrix
    }

    /// The hidden units' input c + Wv for each row of `v`, [N, hidden].
    public func hiddenInput(_ v: Tensor) -> Tensor {
        Tensor.matmul(flat(v), weight, transposeA: false, transposeB: true) + hiddenBias
    }

    /// p(hⱼ = 1 | v) = σ(cⱼ + Wⱼv) for each row of `v`, [N, hidden].
    public func hiddenProbabilities(_ v: Tensor) -> Tensor {
        hiddenInput(v).sigmoid()
    }

    /// The visible units' input b + hW for each row of `h` ([N, hidden]), [N, visible].
    public func visibleInput(_ h: Tensor) -> Tensor {
        h.matmul(weight) + visibleBias
    }

    /// The mean of the visible units given `h` ([N, hidden]): σ(b + hW) for Bernoulli units, b + hW for Gaussian ones.
    public func visibleMean(_ h: Tensor) -> Tensor {
        let input = visibleInput(h)
        return visibleUnits == .bernoulli ? input.sigmoid() : input
    }

    /// A draw of the visible units given `h`.
    public func sampleVisible(_ h: Tensor, generator: inout RandomGenerator) -> Tensor {
        let mean = visibleMean(h)
        switch visibleUnits {
        case .bernoulli: return mean.bernoulliDraw(generator: &generator)
        case .gaussian: return mean + Tensor.randn(mean.shape, generator: &generator)
        }
    }

    /// The free energy F(v) = −log Σₕ e^{−E(v, h)} of each row of `v`, [N]:
    /// −bᵀv − Σⱼ softplus(cⱼ + Wⱼv) for Bernoulli units, ½‖v − b‖² − Σⱼ softplus(cⱼ + Wⱼv) for Gaussian ones.
    /// Lower is more probable: p(v) = e^{−F(v)} / Z. The per-image anomaly score of the RBM.
    public func freeEnergy(_ v: Tensor) -> Tensor {
        let matrix = flat(v)
        return freeEnergy(matrix, hiddenInput: hiddenInput(matrix))
    }

    /// The free energy of each row of `v` ([N, visible]) given its hidden input c + Wv ([N, hidden]), [N].
    public func freeEnergy(_ v: Tensor, hiddenInput: Tensor) -> Tensor {
        let hiddenTerm = hiddenInput.logOnePlusExp().sum(axis: 1)
        switch visibleUnits {
        case .bernoulli:
            return -(v.matmul(visibleBias.reshaped([visibleCount, 1])).reshaped([v.shape[0]])) - hiddenTerm
        case .gaussian:
            return 0.5 * (v - visibleBias).square().sum(axis: 1) - hiddenTerm
        }
    }

    /// `steps` alternating Gibbs steps from visible states `v`: each draws h ~ p(h | v), then v ~ p(v | h).
    /// Returns the last visible draw.
    public func gibbs(from v: Tensor, steps: Int, generator: inout RandomGenerator) -> Tensor {
        var visible = flat(v)
        for _ in 0..<steps {
            let hidden = hiddenProbabilities(visible).bernoulliDraw(generator: &generator)
            visible = sampleVisible(hidden, generator: &generator)
        }
        return visible
    }
}

extension Tensor {
    /// log(1 + eˣ) elementwise without history, through the vectorized kernel of the binary cross-entropy with
    /// logits against target 0 (max(x, 0) + log(1 + e^{−|x|})), several times faster than `softplus()`.
    func logOnePlusExp() -> Tensor {
        withoutGrad { binaryCrossEntropyWithLogits(targets: Tensor.zeros(like: self)) }
    }

    /// Adds `scale · other` (same shape) to `self` in place, without history.
    func addScaled(_ other: Tensor, _ scale: Float) {
        precondition(other.shape == shape, "addScaled: shapes \(shape) and \(other.shape) differ")
        other.withValues { source in
            withMutableValues { values in
                for i in values.indices { values[i] += scale * source[i] }
            }
        }
    }

    /// A draw of independent Bernoulli variables with the probabilities held in `self`: 1 where a uniform
    /// variable falls below the probability, else 0. Each 64-bit draw of `generator` gives the uniform variables of
    /// two elements in order (its top 24 bits, then the next 24), each a multiple of 2⁻²⁴ in [0, 1).
    public func bernoulliDraw(generator: inout RandomGenerator) -> Tensor {
        let scale: Float = 1.0 / 16_777_216
        let values = withValues { p in
            [Float](unsafeUninitializedCapacity: p.count) { out, initialized in
                var i = 0
                while i < p.count {
                    let bits = generator.nextUInt64()
                    // Selects, not branches: the outcomes are unpredictable.
                    out[i] = Float(bits >> 40) * scale < p[i] ? 1 : 0
                    if i + 1 < p.count { out[i + 1] = Float(bits >> 16 & 0xFF_FFFF) * scale < p[i + 1] ? 1 : 0 }
                    i += 2
                }
                initialized = p.count
            }
        }
        return Tensor(values, shape: shape)
    }
}
