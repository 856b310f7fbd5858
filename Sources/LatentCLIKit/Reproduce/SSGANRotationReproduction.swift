import Foundation

/// SS-GAN's rotation task (Chen et al. 2019) on dcgan: the same runs with and without `rotation=0.2,1`
/// on MNIST and Fashion-MNIST, compared by the linear probe of the discriminator's features (10 labels
/// per class), FID and k-means accuracy; the rotation head's accuracy on the last training batches.
struct SSGANRotationReproduction: Reproduction {
    let name = "ssgan-rotation"
    let summary = "dcgan with and without rotation=0.2,1 on MNIST and Fashion-MNIST: D's linear-probe accuracy (10 labels/class) "
        + "≥ 5 points above the plain D's on MNIST, FID no worse; k-means ACC, rotation-head accuracy"
    let epochs: Int? = 5
    static let comparison = SelfSupervisedComparison(option: ("rotation", "0.2,1"), loggedMeasurement: "d_rotation_accuracy_real")

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        try Self.comparison.reproduce(
            name: name, context: context, extraChecks: { _ in [] },
            source: "Chen et al. 2019 (SS-GAN): α 0.2, β 1; the targets are this project's issue (probe gain ≥ 0.05 on MNIST, FID no worse); "
                + "the probe is the linear softmax probe of LatentMetrics.linearProbeAccuracy on the discriminator's features")
    }
}
