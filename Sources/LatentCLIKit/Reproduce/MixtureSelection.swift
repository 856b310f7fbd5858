import LatentData

/// The settings of the pixel mixture of `one-class-mnist` chosen without the test split: the training images
/// are split into a fitting part and a held-out part (the last `heldOut` images, every class), each candidate is
/// fitted to one class's images of the fitting part and scores the held-out part with that class normal, and the
/// candidate with the highest AUROC averaged over the classes wins.
struct MixtureSelection {
    /// The candidates: 1, 2, 4 or 8 full-covariance Gaussians on the pixels' first 30, 50 or 80 principal components.
    static let candidates: [AnomalyScorer.MixtureSettings] = [30, 50, 80].flatMap { dimensions in
        [1, 2, 4, 8].map { AnomalyScorer.MixtureSettings(components: $0, pixelComponents: dimensions) }
    }

    /// The training images held out to score the candidates by default (MNIST's last 10,000).
    static let defaultHeldOut = 10_000

    /// The winning settings.
    let chosen: AnomalyScorer.MixtureSettings
    /// Each candidate with its mean held-out AUROC (in [0, 1]) over the digits, in `candidates` order.
    let meanAUROC: [(settings: AnomalyScorer.MixtureSettings, auroc: Double)]

    /// Scores each of `candidates` on `training` (all classes, labelled), holding its last `heldOut` images out,
    /// for each normal class of `classes`, each fit seeded by `seed`; throws when the training images are too few to
    /// hold `heldOut` out, and the scorer's errors.
    init(training: ImageDataset, classes: [Int], seed: UInt64, heldOut heldOutCount: Int = Self.defaultHeldOut,
         candidates: [AnomalyScorer.MixtureSettings] = Self.candidates) throws {
        guard heldOutCount >= 1, training.count > heldOutCount else {
            throw CommandFailure("the \(training.count) training images are too few to hold out \(heldOutCount) for choosing the mixture")
        }
        let fitting = training.subset(Array(0..<(training.count - heldOutCount)))
        let heldOut = training.subset(Array((training.count - heldOutCount)..<training.count))
        meanAUROC = try candidates.map { candidate in
            var settings = candidate
            settings.seed = seed
            let aurocs = try classes.map { normal in
                let scorer = try AnomalyScorer.make(run: nil, score: AnomalyScorer.mixture, layer: nil, mixture: settings) {
                    fitting.restricted(toClasses: [normal])
                }
                return try AnomalyMeasurement(scores: scorer.scores(of: heldOut), labels: heldOut.labels, normal: [normal],
                                              scoreName: scorer.name).auroc
            }
            return (settings, aurocs.reduce(0, +) / Double(aurocs.count))
        }
        chosen = meanAUROC.max { $0.auroc < $1.auroc }!.settings
    }
}
