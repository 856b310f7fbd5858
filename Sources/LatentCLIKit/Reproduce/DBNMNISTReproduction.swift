import Foundation
import LatentModels

/// A DBN on binarized MNIST: its AIS lower bound on the test log-likelihood against Salakhutdinov & Murray 2008's
/// DBN, and the test error of a 784-500-500-2000 DBN fine-tuned with labels against Hinton et al. 2006's 1.25%.
/// Each layer's pretraining rate falls linearly to 0 over the last sixth of its share, as `rbm-mnist`'s models' do.
struct DBNMNISTReproduction: Reproduction {
    let name = "dbn-mnist"
    let summary = "DBN on binarized MNIST: AIS lower bound ≥ −88.22 (S&M 2008: −86.22); fine-tuned 784-500-500-2000 test error ≤ 1.25% (Hinton et al. 2006)"
    let epochs: Int? = 50

    /// Salakhutdinov & Murray 2008's lower bound for their DBN (nats per test image).
    static let publishedBound = -86.22
    /// Hinton, Osindero & Teh 2006's test error in percent.
    static let publishedError = 1.25

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let batches = 600  // MNIST's 60,000 training images at batch 100
        // Pretraining takes two thirds of the epochs, shared by the layers; fine-tuning the rest.
        func share(_ steps: Int) -> [String: String] {
            ["layer_steps": "\(steps)", "layer_steps_decay": "\(steps / 6)"]
        }
        let bound = try context.train("dbn", runName: "dbn-500-2000", epochs: context.epochs, options: [
            "layers": "500,2000", "k": "25",
        ].merging(share(Swift.max(1, context.epochs * batches / 2))) { $1 })
        let boundValues = try LikelihoodEvaluation.estimate(run: bound)
        let pretraining = Swift.max(1, context.epochs * 2 / 3)
        let tuned = try context.train("dbn", runName: "dbn-fine-tuned", epochs: context.epochs, options: [
            "layers": "500,500,2000", "fine_tune": "true",
        ].merging(share(Swift.max(1, pretraining * batches / 3))) { $1 })
        let error = try context.value("val_error", epoch: context.epochs, in: tuned)
        return ReproductionResult(
            name: name, main: .atLeast("DBN 784-500-2000 test log-likelihood lower bound (nats)", boundValues.logLikelihood,
                                       Self.publishedBound - 2),
            others: [.atMost("fine-tuned 784-500-500-2000 test error (%)", error, Self.publishedError)],
            figures: ["bound_log_z": boundValues.logZ],
            source: "Salakhutdinov & Murray 2008 (ICML), DBN lower bound −86.22 nats; Hinton, Osindero & Teh 2006, "
                + "Neural Computation: 1.25% test error of the 784-500-500-2000 DBN",
            seconds: Date().timeIntervalSince(start), runs: [bound, tuned])
    }
}
