import LatentNN

/// A discriminator with extra heads on its features: the wrapped discriminator's heads, plus each
/// extra head applied to the features they are computed from (the rotation classifier of SS-GAN, the
/// projection of a contrastive discriminator). Its state dict is the wrapped discriminator's, names
/// unchanged, plus each extra head's under its name (`rotation.weight`, `projection.0.weight`).
public final class HeadedDiscriminator<Sample: AdversarialSample>: Module, Discriminating {
    /// The wrapped discriminator.
    public let base: any Discriminating<Sample>
    /// The extra heads by name, in state-dict order.
    public let extraHeads: [(name: HeadName, layer: any Layer)]

    /// `base` with `extraHeads` on its features; stops when a name repeats or is `score`.
    public init(_ base: any Discriminating<Sample>, extraHeads: [(name: HeadName, layer: any Layer)]) {
        let names = extraHeads.map(\.name.rawValue)
        precondition(Set(names).count == names.count && !names.contains("score"),
                     "HeadedDiscriminator: head names \(names) must differ and not be score")
        self.base = base
        self.extraHeads = extraHeads
        super.init()
    }

    public func heads(_ sample: Sample) -> Heads {
        headsAndFeatures(sample).heads
    }

    public func features(_ sample: Sample) -> Tensor {
        base.features(sample)
    }

    public func headsAndFeatures(_ sample: Sample) -> (heads: Heads, features: Tensor) {
        var (heads, features) = base.headsAndFeatures(sample)
        for (name, layer) in extraHeads { heads.others[name] = layer(features) }
        return (heads, features)
    }

    public override func members() -> Members {
        Members(inlined: [base], children: extraHeads.map { (name: $0.name.rawValue, module: $0.layer as Module) })
    }
}

extension HeadName {
    /// The 4-way rotation logits `[N, 4]` of SS-GAN: 0°, 90°, 180°, 270° counter-clockwise.
    public static let rotation = HeadName("rotation")
    /// The projection `[N, d]` a contrastive loss compares.
    public static let projection = HeadName("projection")
}
