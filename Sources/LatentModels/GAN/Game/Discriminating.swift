import LatentNN

/// A discriminator: a network that reads a `Sample` (images, images with labels or codes, image pairs)
/// and returns its heads. Its parameters and buffers are those of the `discriminator` player.
public protocol Discriminating<Sample>: Module {
    associatedtype Sample: AdversarialSample
    /// The heads on `sample`, with history.
    func heads(_ sample: Sample) -> Heads
    /// The features its heads read (its last hidden layer's output), `[N, features]`, with history,
    /// computed without the heads (feature matching, probes of what it learned).
    func features(_ sample: Sample) -> Tensor
    /// The heads on `sample` and the features they read, with history, from one pass where the network
    /// allows it (extra heads of options read the features the score is computed from).
    func headsAndFeatures(_ sample: Sample) -> (heads: Heads, features: Tensor)
}

extension Discriminating {
    /// The heads and the features, each computed on its own.
    public func headsAndFeatures(_ sample: Sample) -> (heads: Heads, features: Tensor) {
        (heads(sample), features(sample))
    }
}
