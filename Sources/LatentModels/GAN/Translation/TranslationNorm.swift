import LatentNN

/// The normalization layer of the image-translation networks (pix2pix's and CycleGAN's `--norm`):
/// batch norm with a learned scale and running statistics, or instance norm without either, as the
/// official code builds them. Convolutions followed by batch norm have no bias of their own.
public enum TranslationNorm: String, CaseIterable, Sendable {
    case batch
    case instance

    /// The layer normalizing `channels` channels.
    public func layer(_ channels: Int) -> any Layer {
        switch self {
        case .batch: BatchNorm2d(channels)
        case .instance: InstanceNorm2d(channels)
        }
    }

    /// Whether a convolution feeding this normalization keeps its bias (batch norm's shift replaces it).
    public var convolutionBias: Bool { self == .instance }
}
