import LatentNN

/// The PatchGAN discriminator of pix2pix and CycleGAN (the official `NLayerDiscriminator` with instance
/// normalization): `layerCount` stride-2 4×4 convolutions from `ndf` filters (doubling up to 8·ndf), one
/// stride-1 4×4 convolution, then a 4×4 convolution to one score per patch (70×70 patches at 256 px for 3
/// layers), LeakyReLU(0.2) between and no normalization on the first layer; weights from N(0, 0.02).
enum PatchDiscriminator {
    static func make(inputChannels: Int, ndf: Int, layerCount: Int) -> Sequential {
        var layers: [any Layer] = [Conv2d(inputChannels, ndf, kernelSize: 4, stride: 2, padding: 1), LeakyReLU(negativeSlope: 0.2)]
        var width = ndf
        precondition(layerCount >= 1, "PatchDiscriminator: at least one layer, got \(layerCount)")
        for level in 1...layerCount {
            let next = ndf * Swift.min(1 << level, 8)
            layers += [Conv2d(width, next, kernelSize: 4, stride: level < layerCount ? 2 : 1, padding: 1),
                       InstanceNorm2d(next), LeakyReLU(negativeSlope: 0.2)]
            width = next
        }
        layers.append(Conv2d(width, 1, kernelSize: 4, padding: 1))
        let network = Sequential(layers)
        for parameter in network.namedParameters() {
            if parameter.tensor.rank == 4 { Init.normal(parameter.tensor, std: 0.02) } else { Init.zeros(parameter.tensor) }
        }
        return network
    }
}
