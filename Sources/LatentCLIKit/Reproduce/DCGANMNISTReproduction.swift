import Foundation
import LatentMetrics

/// DCGAN on MNIST after 5 epochs: the shipped digit classifier recognises its samples confidently and
/// finds every digit among them; FID and KID against the test split are reported beside the floor of
/// real training images.
struct DCGANMNISTReproduction: Reproduction {
    let name = "dcgan-mnist"
    let summary = "DCGAN on MNIST, 5 epochs: of 10,000 samples ≥ 90% classified with confidence ≥ 0.9, every digit ≥ 5%; FID/KID beside the train-vs-test floor"
    let epochs: Int? = 5
    /// How many samples, and training images for the floor, are evaluated.
    static let sampleCount = 10_000

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let run = try context.train("dcgan", epochs: context.epochs)
        let evaluation = try DigitEvaluation(dataset: "mnist")
        let (values, set) = try evaluation.evaluate(run: run, count: Self.sampleCount, seed: context.seed, metrics: [.fid, .kid])
        let confidence = try evaluation.confidence(set, threshold: 0.9)
        let floor = try evaluation.trainingFloor(count: Self.sampleCount, metrics: [.fid, .kid])
        return ReproductionResult(
            name: name, main: .atLeast("share of samples classified with confidence ≥ 0.9", confidence.confidentShare, 0.9),
            others: [.atLeast("smallest share of one digit among the samples", confidence.classShares.min() ?? 0, 0.05)],
            figures: Self.figures(samples: values, floor: floor),
            source: "Radford et al. 2016 (DCGAN) on InfoGAN's MNIST nets and learning rates (Chen et al. 2016), sampled from a moving "
                + "average of G's weights (Yazıcı et al. 2019); the targets are this project's issue: recognisable digits of every class after 5 epochs",
            seconds: Date().timeIntervalSince(start), runs: [run])
    }

    /// The samples' FID and KID beside the floor's, keyed `fid`, `kid`, `kid_std`, `floor_fid`, `floor_kid`, `floor_kid_std`.
    static func figures(samples: [String: Double], floor: [String: Double]) -> [String: Double] {
        var figures: [String: Double] = [:]
        for key in ["fid", "kid", "kid_std"] {
            figures[key] = samples["eval_" + key]
            figures["floor_" + key] = floor["eval_" + key]
        }
        return figures
    }
}
