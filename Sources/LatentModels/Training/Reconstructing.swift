import LatentNN

/// A trained model that reconstructs its inputs: an autoencoder, a VAE.
public protocol Reconstructing: AnyObject {
    /// The reconstructions of `x` (a batch of samples as the data loader gives them), without history.
    func reconstruct(_ x: Tensor) -> Tensor
    /// Whether the model reconstructs at all (a GAN does when it has an encoder).
    var reconstructs: Bool { get }
}

extension Reconstructing {
    public var reconstructs: Bool { true }
}
