import LatentNN

extension HeadName {
    /// The domain-A discriminator's patch scores `[N, 1, h, w]` on a sample's domain-A images (CycleGAN);
    /// the domain-B discriminator's are the `score`.
    public static let domainA = HeadName("domain_a")
}

/// CycleGAN's two discriminators as one: `domain_b` judges the B images (its patch scores are the `score`),
/// `domain_a` the A images (head `domainA`). Each keeps the history of generated images of its domain that
/// its losses read (`pool_b`, `pool_a`, buffers saved with it so that a resumed run draws as the
/// uninterrupted one).
public final class CycleDiscriminators: Module, Discriminating {
    /// D_A, judging domain-A images.
    public let domainA: Sequential
    /// D_B, judging domain-B images.
    public let domainB: Sequential
    /// The history of generated A images.
    public let poolA: ImagePool
    /// The history of generated B images.
    public let poolB: ImagePool

    /// The discriminators `domainA` and `domainB` with pools of `poolSize` images of the shapes `shapeA`
    /// and `shapeB` (`[C, H, W]`).
    public init(domainA: Sequential, domainB: Sequential, poolSize: Int, shapeA: [Int], shapeB: [Int]) {
        self.domainA = domainA
        self.domainB = domainB
        poolA = ImagePool(capacity: poolSize, imageShape: shapeA)
        poolB = ImagePool(capacity: poolSize, imageShape: shapeB)
        super.init()
    }

    public func heads(_ sample: UnpairedImages) -> Heads {
        Heads(score: domainB(sample.images), [.domainA: domainA(sample.domainA)])
    }

    /// Both discriminators' last hidden features, B's then A's.
    public func features(_ sample: UnpairedImages) -> Tensor {
        Tensor.concatenated([domainB.features(sample.images), domainA.features(sample.domainA)], axis: 1)
    }
}
