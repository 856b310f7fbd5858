import LatentTensor

/// A fully connected layer with the equalized learning rate of ProGAN (Karras et al. 2018):
/// `y = x (c·W)ᵀ + lrMultiplier·b`.
///
/// The weight (out × in) is stored as N(0, 1/lrMultiplier²) draws and scaled at run time by
/// `c = gain / √inFeatures · lrMultiplier` (He's constant), so that Adam's per-parameter step sizes are
/// equal across layers; the bias starts at `biasInit`. An `lrMultiplier` below 1 slows the layer's
/// learning, as in StyleGAN's mapping network. State-dict names are `weight` and `bias`.
public final class EqualizedLinear: Module, Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    /// The gain of He's constant: √2 before a (leaky) ReLU, 1 before a linear output.
    public let gain: Float
    /// The learning-rate multiplier applied at run time to the weight and the bias.
    public let lrMultiplier: Float
    @Parameter public var weight: Tensor
    @Parameter public var bias: Tensor?

    public init(
        _ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, gain: Float = Float(2).squareRoot(),
        lrMultiplier: Float = 1, biasInit: Float = 0
    ) {
        precondition(inFeatures > 0 && outFeatures > 0,
                     "EqualizedLinear: feature counts must be positive, got \(inFeatures) → \(outFeatures)")
        precondition(gain > 0 && gain.isFinite, "EqualizedLinear: gain must be positive and finite, got \(gain)")
        precondition(lrMultiplier > 0 && lrMultiplier.isFinite,
                     "EqualizedLinear: lrMultiplier must be positive and finite, got \(lrMultiplier)")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.gain = gain
        self.lrMultiplier = lrMultiplier
        self.weight = Tensor.randn([outFeatures, inFeatures], std: 1 / lrMultiplier)
        self.bias = bias ? Tensor.full([outFeatures], biasInit) : nil
        super.init()
    }

    /// The factor the stored weight is multiplied by at run time.
    public var weightScale: Float { equalizedScale(gain: gain, fanIn: inFeatures) * lrMultiplier }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == inFeatures,
                     "EqualizedLinear: expected input [batch, \(inFeatures)], got shape \(x.shape)")
        let y = Tensor.matmul(x, weight * weightScale, transposeA: false, transposeB: true)
        guard let bias else { return y }
        return y + (lrMultiplier == 1 ? bias : bias * lrMultiplier)
    }
}

/// He's constant `gain / √fanIn`, the run-time scale of an equalized-learning-rate weight.
func equalizedScale(gain: Float, fanIn: Int) -> Float {
    gain / Float(fanIn).squareRoot()
}
