import LatentNN

/// A trained model with a discriminator, as monitors look at it: what the discriminator makes of real
/// data and of generated samples.
public protocol Adversarial: SampleGenerating {
    /// The discriminator's probabilities that the data's images `x` (of the classes `labels`; nil for
    /// the classes 0, 1, … in turn where it reads classes) are real, without history.
    func discriminate(real x: Tensor, labels: [Int]?) -> Tensor
    /// The discriminator's probabilities that `samples`, generated from the latent vectors `z` as
    /// `generate(_:)` makes them, are real, without history.
    func discriminate(generated samples: Tensor, from z: Tensor) -> Tensor
}
