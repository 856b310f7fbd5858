import LatentNN

/// pix2pix's reconstruction term on the generator's side: λ · mean |G(A) − B| over a step's pairs, the
/// translations against their targets, logged as `loss_g_l1` (λ included).
public struct PairL1Loss: Term {
    /// λ, the term's weight (100 in the paper).
    public let weight: Float

    public init(weight: Float) {
        self.weight = weight
    }

    public var key: String? { "loss_g_l1" }

    public func loss(_ verdict: Verdict<ImagePair>, random: inout RandomGenerator) -> Tensor {
        (verdict.fake.images - verdict.real.images).abs().mean() * weight
    }
}
