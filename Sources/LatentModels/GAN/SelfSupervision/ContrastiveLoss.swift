import LatentNN

/// The contrastive loss of a contrastive discriminator, after ContraD (Jeong & Shin 2021): two random
/// views of each real image (`views`) go through the discriminator, each view's batch on its own, and
/// the NT-Xent loss at `temperature` over their projections (`HeadName.projection`) pulls the two views
/// of an image together and pushes them from the other real views and from the projections of the
/// step's fake samples (as the discriminator judged them for the objective), times `weight`. The
/// real-against-fake score reads the same features. Logged as `loss_d_contrastive`.
public struct ContrastiveLoss<Sample: AdversarialSample>: Term {
    /// The factor λ of the loss.
    public let weight: Float
    /// The temperature τ of the cosine similarities.
    public let temperature: Float
    /// How the two views of each real image are drawn.
    public let views: ContrastiveViews

    public var key: String? { "loss_d_contrastive" }

    /// The loss with factor `weight` and `temperature` on `views` of the real images.
    public init(weight: Float, temperature: Float, views: ContrastiveViews) {
        self.weight = weight
        self.temperature = temperature
        self.views = views
    }

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        let projections = (0..<2).map { _ in
            verdict.discriminator.heads(verdict.real.replacingImages(views(verdict.real.images, generator: &random)))[.projection]
        }
        return weight * ntXentLoss(projections[0], projections[1], negatives: verdict.fakeHeads[.projection], temperature: temperature)
    }
}
