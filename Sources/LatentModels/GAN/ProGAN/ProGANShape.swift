import LatentNN

/// The sizes of a ProGAN: the feature maps per resolution (`fmap_base`, `fmap_max` of the official
/// code), the latent size, the images' channels and how the data's images sit in the networks' square
/// of side `schedule.finalResolution` (MNIST's 28×28 digits padded by 2 on each side to 32×32).
public struct ProGANShape: Sendable, Equatable {
    /// The latent vector's length.
    public let latentSize: Int
    /// The images' channels (1 for grey, 3 for RGB).
    public let imageChannels: Int
    /// The side of the data's images, at most the final resolution; the networks pad them to it.
    public let imageSize: Int
    /// Feature maps at resolution r are `min(fmapBase · 2 / r, fmapMax)`.
    public let fmapBase: Int
    /// The most feature maps at any resolution.
    public let fmapMax: Int

    /// The feature maps at `resolution`.
    public func channels(atResolution resolution: Int) -> Int {
        Swift.max(Swift.min(fmapBase * 2 / resolution, fmapMax), 1)
    }

    /// The resolution of stage `stage` (0: 4×4).
    static func resolution(ofStage stage: Int) -> Int {
        GrowthSchedule.startResolution << stage
    }

    /// The stage of `resolution`.
    static func stage(ofResolution resolution: Int) -> Int {
        resolution.trailingZeroBitCount - 2
    }
}

/// The leaky ReLU of every ProGAN layer.
func proganActivation(_ x: Tensor) -> Tensor {
    x.leakyRelu(negativeSlope: 0.2)
}
