import LatentNN

/// A discriminator of image pairs: its network reads a pair's source and partner images side by side on
/// the channel axis (pix2pix's conditional discriminator) and is saved under the network's own
/// parameter names. Its score may be one value per pair or a map of patch scores (PatchGAN).
public final class PairDiscriminator: Module, Discriminating {
    /// The network judging the stacked pairs `[N, C_A + C_B, H, W]`.
    public let network: Sequential

    /// The discriminator that runs `network` on a pair's stacked images.
    public init(_ network: Sequential) {
        self.network = network
        super.init()
    }

    public func heads(_ sample: ImagePair) -> Heads { network.heads(sample.stacked) }

    public func features(_ sample: ImagePair) -> Tensor { network.features(sample.stacked) }

    public func headsAndFeatures(_ sample: ImagePair) -> (heads: Heads, features: Tensor) {
        network.headsAndFeatures(sample.stacked)
    }
}
