import LatentNN

/// A trained model that turns latent vectors into samples: a GAN's generator, a VAE's decoder.
public protocol SampleGenerating: AnyObject {
    /// The shape of one latent vector, such as `[100]` or `[100, 1, 1]`.
    var latentShape: [Int] { get }
    /// The samples for latent vectors `z` of shape `[count] + latentShape`, without history.
    func generate(_ z: Tensor) -> Tensor
}
