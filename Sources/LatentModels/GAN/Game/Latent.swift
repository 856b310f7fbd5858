import LatentNN

/// What a generator reads for a batch: noise and, for a conditional generator, the classes asked for.
public struct Latent {
    /// The noise, `[N] + latentShape`.
    public let noise: Tensor
    /// One requested class per sample; nil asks a conditional generator for the classes 0, 1, … in turn.
    public let labels: [Int]?

    public init(noise: Tensor, labels: [Int]? = nil) {
        self.noise = noise
        self.labels = labels
    }

    /// The requested classes, or the classes 0, 1, …, `classCount` − 1 in turn when none were asked for.
    public func labels(classCount: Int) -> [Int] {
        labels ?? cyclingLabels(count: noise.shape[0], classCount: classCount)
    }
}
