import LatentNN

/// AC-GAN's class loss for the discriminator (Odena et al. 2017): the cross-entropy of its class head on
/// the real images' labels and, when it `learnsFakeClasses`, on the fake images' requested classes.
/// Logged as `loss_d_class`.
public struct DiscriminatorClassLoss: Term {
    /// Whether the fake images' requested classes are learned too (the paper's loss).
    public let learnsFakeClasses: Bool

    public var key: String? { "loss_d_class" }

    /// The class loss on real labels, and on the fake images' classes too with `learnsFakeClasses`.
    public init(learnsFakeClasses: Bool) {
        self.learnsFakeClasses = learnsFakeClasses
    }

    public func loss(_ verdict: Verdict<LabelledImages>, random: inout RandomGenerator) -> Tensor {
        let real = crossEntropy(verdict.realHeads[.classLogits], labels: verdict.real.labels)
        guard learnsFakeClasses else { return real }
        return real + crossEntropy(verdict.fakeHeads[.classLogits], labels: verdict.fake.labels)
    }
}

/// AC-GAN's class loss for the generator: the cross-entropy of the discriminator's class head on the
/// fake images for the classes they were asked for. Logged as `loss_g_class`.
public struct GeneratorClassLoss: Term {
    public var key: String? { "loss_g_class" }

    /// The class loss on the fake images' requested classes.
    public init() {}

    public func loss(_ verdict: Verdict<LabelledImages>, random: inout RandomGenerator) -> Tensor {
        crossEntropy(verdict.fakeHeads[.classLogits], labels: verdict.fake.labels)
    }
}
