import Foundation

/// Salimans et al. 2016, Table 1: the semi-supervised GAN's test error on MNIST with 20, 50, 100 or 200 labels
/// (100 by default), after the 300 epochs of the authors' script.
struct ImprovedGANMNISTReproduction: Reproduction {
    let name = "improved-gan-mnist"
    let summary = "semi-gan on MNIST with 100 labels: test error ≤ 1.0% after 300 epochs (Salimans et al. 2016: 0.93% ± 0.065, 10 seeds)"
    let epochs: Int? = 300
    let labelBudgets = [20, 50, 100, 200]

    /// The paper's Table 1 by label count: mean and standard deviation of the test errors over 10 seeds, as fractions.
    static let published: [Int: (mean: Double, deviation: Double)] = [
        20: (0.1677, 0.0452), 50: (0.0221, 0.0136), 100: (0.0093, 0.00065), 200: (0.0090, 0.00042),
    ]

    /// The most test error allowed with `labels` labels: 1.0% for 100 (the target, above the paper's
    /// 0.93%), otherwise the paper's mean plus one standard deviation.
    static func target(labels: Int) -> Double {
        guard labels != 100, let row = published[labels] else { return 0.01 }
        return row.mean + row.deviation
    }

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let labels = context.labels ?? 100
        let run = try context.train("semi-gan", runName: "semi-gan-\(labels)-labels", epochs: context.epochs) { $0.labels = labels }
        let error = try context.value("test_error", epoch: context.epochs, in: run)
        let row = Self.published[labels]!
        return ReproductionResult(
            name: name, main: .atMost("test error with \(labels) labels at epoch \(context.epochs)", error, Self.target(labels: labels)),
            figures: ["paper_mean_test_error": row.mean, "paper_deviation": row.deviation],
            source: "Salimans et al. 2016, Improved Techniques for Training GANs, Table 1 (10 seeds; 100 labels: 93 ± 6.5 errors "
                + "of 10,000); recipe of openai/improved-gan train_mnist_feature_matching.py",
            seconds: Date().timeIntervalSince(start), runs: [run])
    }
}
