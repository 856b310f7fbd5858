import Foundation
import LatentModels

/// The Classification Accuracy Score (Ravuri & Vinyals 2019) of the class-conditional GANs on MNIST: `cgan` and
/// `acgan` trained with their catalog settings, then the digit classifier's recipe (4 epochs, as the shipped weights)
/// trained on 60,000 samples of each (6,000 per digit) and scored on the 10,000 real test digits; beside it the same
/// classifier trained on the real training digits, and on the real digits followed by the samples.
struct CASMNISTReproduction: Reproduction {
    let name = "cas-mnist"
    let summary = "cgan and acgan on MNIST, 5 epochs: a classifier trained only on 60,000 of their samples classifies the real "
        + "test digits with accuracy ≥ 0.97, the lower of the two (real data: 0.9905); real + generated beside"
    let epochs: Int? = 5
    static let models = ["cgan", "acgan"]
    /// The least CAS of each model.
    static let target = 0.97

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        var figures: [String: Double] = [:], runs: [URL] = []
        for model in Self.models {
            let directory = try context.train(model, epochs: context.epochs)
            let run = try TrainedRun(directory: directory)
            let evaluation = try ClassificationAccuracyEvaluation(
                run: run, count: nil, sampleSeed: context.seed,
                training: ClassifierTraining(threads: context.threads), dataDirectory: nil)
            let values = try evaluation.evaluate().values
            try EvaluationRecord.append(values, to: run)
            for (key, value) in values { figures["\(model)_\(key.replacingOccurrences(of: "eval_", with: ""))"] = value }
            runs.append(directory)
        }
        let scores = Self.models.map { figures["\($0)_cas"] ?? 0 }
        return ReproductionResult(
            name: name,
            main: .atLeast("CAS (real test accuracy of the classifier trained on samples alone), the lower of cgan and acgan",
                           scores.min() ?? 0, Self.target),
            figures: figures,
            source: "Ravuri & Vinyals 2019 (Classification Accuracy Score, NeurIPS) define the measure; the target is this project's "
                + "issue; the shipped classifier trained on the real digits by the same recipe reaches 0.9905",
            seconds: Date().timeIntervalSince(start), runs: runs)
    }
}
