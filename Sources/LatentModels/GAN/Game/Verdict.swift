import LatentNN

/// What loss terms read of one step: the real and fake samples as the discriminator saw them (augmented,
/// with instance noise), the discriminator, and its heads on each side, computed when a term first reads
/// them (so the real side is judged only when a term asks).
public final class Verdict<Sample: AdversarialSample> {
    public let real: Sample
    public let fake: Sample
    /// The discriminator, to judge other samples made from these (rotated copies, augmented views).
    public let discriminator: any Discriminating<Sample>

    /// The discriminator's heads on the real sample.
    public private(set) lazy var realHeads: Heads = discriminator.heads(real)
    /// The discriminator's heads on the fake sample.
    public private(set) lazy var fakeHeads: Heads = discriminator.heads(fake)

    /// The verdict of `discriminator` on `real` and `fake`, its heads not yet computed.
    public init(real: Sample, fake: Sample, discriminator: any Discriminating<Sample>) {
        self.real = real
        self.fake = fake
        self.discriminator = discriminator
    }
}
