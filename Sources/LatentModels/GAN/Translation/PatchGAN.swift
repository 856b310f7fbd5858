import LatentNN

/// The PatchGAN discriminator of pix2pix (Isola et al. 2017) and CycleGAN: a fully convolutional network
/// scoring each overlapping patch of its input as real or fake, one logit per patch, so that it judges
/// local texture and leaves the overall structure to a reconstruction loss. Its layers and state-dict
/// keys follow the official `NLayerDiscriminator` (`0.weight`, `2.weight`, …).
public enum PatchGAN {
    /// The discriminator for `inputChannels`-channel images (the source and target channels together
    /// when it judges pairs): `nLayers` stride-2 4×4 convolutions from `ndf` filters doubling up to
    /// `8 · ndf`, one stride-1 convolution and a stride-1 convolution to one channel, each hidden one
    /// followed by `norm` (but the first) and LeakyReLU(0.2). An `[N, C, H, W]` batch gives
    /// `[N, 1, H', W']` patch logits, each seeing `receptiveField(nLayers:)` pixels square.
    public static func discriminator(inputChannels: Int, ndf: Int = 64, nLayers: Int = 3, norm: TranslationNorm = .batch) -> Sequential {
        precondition(inputChannels > 0 && ndf > 0, "PatchGAN: inputChannels \(inputChannels) and ndf \(ndf) must be positive")
        precondition(nLayers >= 1, "PatchGAN: nLayers must be at least 1, got \(nLayers)")
        var layers: [any Layer] = [Conv2d(inputChannels, ndf, kernelSize: 4, stride: 2, padding: 1), LeakyReLU(negativeSlope: 0.2)]
        var channels = ndf
        for layer in 1...nLayers {
            let next = ndf * (1 << min(layer, 3))
            layers += [Conv2d(channels, next, kernelSize: 4, stride: layer < nLayers ? 2 : 1, padding: 1, bias: norm.convolutionBias),
                       norm.layer(next), LeakyReLU(negativeSlope: 0.2)]
            channels = next
        }
        layers.append(Conv2d(channels, 1, kernelSize: 4, stride: 1, padding: 1))
        return Sequential(layers)
    }

    /// The side in pixels of the input patch each output logit sees: 16 for one layer, 70 for three
    /// (pix2pix's default), 286 for five.
    public static func receptiveField(nLayers: Int) -> Int {
        precondition(nLayers >= 1, "PatchGAN: nLayers must be at least 1, got \(nLayers)")
        // From one output value back through the two stride-1 and the nLayers stride-2 4×4 convolutions.
        let strides = [1, 1] + [Int](repeating: 2, count: nLayers)
        return strides.reduce(1) { field, stride in (field - 1) * stride + 4 }
    }
}
