import LatentNN

/// CycleGAN's least-squares loss for its two discriminators, as the official code: for each domain
/// ½·(MSE(D(real), 1) + MSE(D(fake), 0)), the fake images drawn through each discriminator's history pool.
public struct CycleDiscriminatorLoss: Term {
    /// The discriminators, whose pools give the fake images judged.
    public let discriminators: CycleDiscriminators

    /// The loss of `discriminators`.
    public init(_ discriminators: CycleDiscriminators) {
        self.discriminators = discriminators
    }

    public func loss(_ verdict: Verdict<UnpairedImages>, random: inout RandomGenerator) -> Tensor {
        let fakeB = discriminators.poolB.query(verdict.fake.images, random: &random)
        let fakeA = discriminators.poolA.query(verdict.fake.domainA, random: &random)
        let fake = verdict.discriminator.heads(UnpairedImages(images: fakeB, domainA: fakeA))
        let real = verdict.realHeads
        return leastSquares(real: real.score, fake: fake.score) + leastSquares(real: real[.domainA], fake: fake[.domainA])
    }

    private func leastSquares(real: Tensor, fake: Tensor) -> Tensor {
        0.5 * (mseLoss(real, Tensor.ones(real.shape)) + mseLoss(fake, Tensor.zeros(fake.shape)))
    }
}

/// The generators' least-squares adversarial loss, as the official code: MSE(D_B(G_AB(A)), 1) +
/// MSE(D_A(G_BA(B)), 1); logged as `loss_g_gan`.
public struct CycleGeneratorLoss: Term {
    /// The loss.
    public init() {}

    public var key: String? { "loss_g_gan" }

    public func loss(_ verdict: Verdict<UnpairedImages>, random: inout RandomGenerator) -> Tensor {
        let fake = verdict.fakeHeads
        return mseLoss(fake.score, Tensor.ones(fake.score.shape)) + mseLoss(fake[.domainA], Tensor.ones(fake[.domainA].shape))
    }
}

/// The translated images of a fake side and the real images they came from; stops on a real side.
private func translation(_ verdict: Verdict<UnpairedImages>, _ term: String) -> (a: Tensor, b: Tensor, fakeB: Tensor, fakeA: Tensor) {
    guard let sources = verdict.fake.sources else { preconditionFailure("\(term): the fake side carries no source images") }
    return (sources.a, sources.b, verdict.fake.images, verdict.fake.domainA)
}

/// CycleGAN's cycle-consistency loss (Zhu et al. 2017, eq. 2): λ_A·L1(G_BA(G_AB(A)), A) +
/// λ_B·L1(G_AB(G_BA(B)), B); logged as `loss_cycle`.
public struct CycleConsistencyLoss: Term {
    /// G_AB, from domain A to B.
    public let forward: any GeneratorNetwork
    /// G_BA, from domain B to A.
    public let backward: any GeneratorNetwork
    /// λ_A, the weight of the cycle A → B → A.
    public let lambdaA: Float
    /// λ_B, the weight of the cycle B → A → B.
    public let lambdaB: Float

    /// The cycle loss of `forward` and `backward` with weights `lambdaA` and `lambdaB` (10 in the paper).
    public init(forward: any GeneratorNetwork, backward: any GeneratorNetwork, lambdaA: Float, lambdaB: Float) {
        self.forward = forward
        self.backward = backward
        self.lambdaA = lambdaA
        self.lambdaB = lambdaB
    }

    public var key: String? { "loss_cycle" }

    public func loss(_ verdict: Verdict<UnpairedImages>, random: inout RandomGenerator) -> Tensor {
        let t = translation(verdict, "CycleConsistencyLoss")
        return lambdaA * l1Loss(backward(t.fakeB), t.a) + lambdaB * l1Loss(forward(t.fakeA), t.b)
    }
}

/// CycleGAN's identity loss (Zhu et al. 2017, section 5.2), as the official code: each generator should
/// leave images of its target domain as they are, λ_idt·(λ_B·L1(G_AB(B), B) + λ_A·L1(G_BA(A), A)); needs
/// both domains to have as many channels; logged as `loss_idt`.
public struct CycleIdentityLoss: Term {
    /// G_AB, from domain A to B.
    public let forward: any GeneratorNetwork
    /// G_BA, from domain B to A.
    public let backward: any GeneratorNetwork
    /// λ_A and λ_B, the cycle weights the identity loss is scaled by.
    public let lambdaA: Float, lambdaB: Float
    /// λ_idt, the identity loss's share of the cycle weights (0.5 in the official code).
    public let lambdaIdentity: Float

    /// The identity loss of `forward` and `backward`, weighted `lambdaIdentity` × `lambdaB` (for G_AB) and
    /// × `lambdaA` (for G_BA).
    public init(forward: any GeneratorNetwork, backward: any GeneratorNetwork, lambdaA: Float, lambdaB: Float, lambdaIdentity: Float) {
        self.forward = forward
        self.backward = backward
        self.lambdaA = lambdaA
        self.lambdaB = lambdaB
        self.lambdaIdentity = lambdaIdentity
    }

    public var key: String? { "loss_idt" }

    public func loss(_ verdict: Verdict<UnpairedImages>, random: inout RandomGenerator) -> Tensor {
        let t = translation(verdict, "CycleIdentityLoss")
        precondition(t.a.shape == t.b.shape, "CycleIdentityLoss: domains A \(t.a.shape) and B \(t.b.shape) must have one shape")
        return lambdaIdentity * (lambdaB * l1Loss(forward(t.b), t.b) + lambdaA * l1Loss(backward(t.a), t.a))
    }
}
