import LatentNN

/// What a generator reads for a batch: noise and, for a conditional generator, the classes asked for.
public struct Latent {
    /// The noise, `[N] + latentShape`.
    public let noise: Tensor
    /// One requested class per sample; nil asks a conditional generator for the classes 0, 1, … in turn.
    public let labels: [Int]?
    /// The images that came with the input in its batch, for sides that run other players on them (the
    /// other domain's images of an unpaired translation GAN's batch); nil when there are none.
    public let partners: Tensor?

    public init(noise: Tensor, labels: [Int]? = nil, partners: Tensor? = nil) {
        self.noise = noise
        self.labels = labels
        self.partners = partners
    }

    /// The requested classes, or the classes 0, 1, …, `classCount` − 1 in turn when none were asked for.
    public func labels(classCount: Int) -> [Int] {
        labels ?? cyclingLabels(count: noise.shape[0], classCount: classCount)
    }
}
