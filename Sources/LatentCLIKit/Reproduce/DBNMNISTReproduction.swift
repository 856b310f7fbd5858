import Foundation
import LatentModels

/// A DBN on binarized MNIST: its AIS lower bound on the test log-likelihood against Salakhutdinov & Murray 2008's
/// DBN, and the test error of a 784-500-500-2000 DBN fine-tuned with labels against Hinton et al. 2006's 1.25%.
/// The bound's first layer is trained as `rbm-mnist`'s CD-25 model is (the paper's DBN stands on its CD-25 RBM), its
/// second for half as many epochs. Every stage's learning rate, pretraining and fine-tuning alike, falls linearly to
/// 0 over the last sixth of its updates, as `rbm-mnist`'s do.
struct DBNMNISTReproduction: Reproduction {
    let name = "dbn-mnist"
    let summary = "DBN on binarized MNIST: AIS lower bound ≥ −88.22 (S&M 2008: −86.22); fine-tuned 784-500-500-2000 test error ≤ 1.25% (Hinton et al. 2006)"
    /// The bound's first layer's epochs, as `rbm-mnist`'s; the other stages' epochs are fractions of it.
    let epochs: Int? = 60

    /// Salakhutdinov & Murray 2008's lower bound for their DBN (nats per test image).
    static let publishedBound = -86.22
    /// Hinton, Osindero & Teh 2006's test error in percent.
    static let publishedError = 1.25

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let batches = 600  // MNIST's 60,000 training images at batch 100
        let epochs = context.epochs
        /// A stage's updates in `stageEpochs` epochs and the last sixth of them, over which its rate falls.
        func updates(_ stageEpochs: Int) -> (steps: Int, decay: Int) {
            let steps = Swift.max(1, stageEpochs * batches)
            return (steps, steps / 6)
        }
        let first = updates(epochs), second = updates(Swift.max(1, epochs / 2))
        let bound = try context.train("dbn", runName: "dbn-500-2000", epochs: epochs + Swift.max(1, epochs / 2), options: [
            "layers": "500,2000", "k": "25", "layer_steps": "\(first.steps),\(second.steps)",
            "layer_steps_decay": "\(first.decay),\(second.decay)",
        ])
        let boundValues = try LikelihoodEvaluation.estimate(run: bound)
        // Pretraining: a sixth of the epochs per layer; fine-tuning: as many epochs as the bound's first layer.
        let layerEpochs = Swift.max(1, epochs / 6)
        let layer = updates(layerEpochs), fineTuning = updates(epochs)
        let tunedEpochs = 3 * layerEpochs + epochs
        let tuned = try context.train("dbn", runName: "dbn-fine-tuned", epochs: tunedEpochs, options: [
            "layers": "500,500,2000", "fine_tune": "true", "layer_steps": "\(layer.steps)", "layer_steps_decay": "\(layer.decay)",
            "fine_tune_steps": "\(fineTuning.steps - fineTuning.decay)", "fine_tune_steps_decay": "\(fineTuning.decay)",
        ])
        let error = try context.value("val_error", epoch: tunedEpochs, in: tuned)
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
