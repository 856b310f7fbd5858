import LatentNN

/// StyleGAN's mapping network (Karras et al. 2019): the latent z, pixel-normalized, through fully connected
/// layers with leaky ReLU to the intermediate latent w, each layer learning at `lrMultiplier` times the
/// optimizer's rate (equalized learning rate). In training mode it tracks the average w (`w_avg`, a
/// checkpointed buffer) that truncation pulls styles towards.
public final class MappingNetwork: Module {
    /// The length of z and of w.
    public let latentSize: Int
    /// How much of the previous average each training pass keeps: `w_avg ← mean w + β (w_avg − mean w)`.
    public let averageDecay: Float
    let normalize = PixelNorm()
    let layers: [EqualizedLinear]
    /// The tracked average of w, `[latentSize]`.
    @Buffer public var wAvg: Tensor

    /// `layerCount` layers of `latentSize` units learning at `lrMultiplier` times the optimizer's rate; the
    /// average w decays by `averageDecay` (StyleGAN's 0.995) per training pass.
    public init(latentSize: Int, layerCount: Int = 8, lrMultiplier: Float = 0.01, averageDecay: Float = 0.995) {
        precondition(latentSize > 0 && layerCount > 0, "MappingNetwork: latentSize and layerCount must be positive, got \(latentSize) and \(layerCount)")
        precondition((0...1).contains(averageDecay), "MappingNetwork: averageDecay must be in [0, 1], got \(averageDecay)")
        self.latentSize = latentSize
        self.averageDecay = averageDecay
        layers = (0..<layerCount).map { _ in EqualizedLinear(latentSize, latentSize, lrMultiplier: lrMultiplier) }
        wAvg = Tensor.zeros([latentSize])
        super.init()
    }

    /// The intermediate latents w `[N, latentSize]` of `z` `[N, latentSize]`; in training mode the batch's mean w
    /// also moves the tracked average.
    public func callAsFunction(_ z: Tensor) -> Tensor {
        precondition(z.rank == 2 && z.shape[1] == latentSize, "MappingNetwork: expected z of shape [N, \(latentSize)], got \(z.shape)")
        let w = layers.reduce(normalize(z)) { x, layer in layer(x).leakyRelu(negativeSlope: 0.2) }
        if training { updateAverage(with: w) }
        return w
    }

    /// The truncated latents `w_avg + ψ (w − w_avg)` (Karras et al. 2019): ψ 1 keeps w, ψ 0 gives the average.
    public func truncated(_ w: Tensor, psi: Float) -> Tensor {
        let average = wAvg.reshaped([1, latentSize])
        return average + (w - average) * psi
    }

    /// Moves the tracked average towards the mean of the latents `w` `[N, latentSize]`:
    /// `w_avg ← mean w + β (w_avg − mean w)` with β `averageDecay`.
    public func updateAverage(with w: Tensor) {
        withoutGrad {
            let mean = w.detached().mean(axis: 0)
            wAvg.assign(mean + (wAvg - mean) * averageDecay)
        }
    }
}
