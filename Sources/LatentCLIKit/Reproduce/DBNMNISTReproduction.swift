import Foundation
import LatentModels

/// A DBN on binarized MNIST: its AIS lower bound on the test log-likelihood against Salakhutdinov & Murray 2008's
/// DBN, and the test error of a 784-500-500-2000 DBN fine-tuned with labels against Hinton et al. 2006's 1.25%.
/// The bound's first layer is trained as `rbm-mnist`'s CD-25 model is (the paper's DBN stands on its CD-25 RBM), its
/// second for half as many epochs. Every stage's learning rate, pretraining and fine-tuning alike, falls linearly to
/// 0 over the last sixth of its updates, as `rbm-mnist`'s do. The fine-tuning (learning rate, weight decay, dropout
/// and length) is chosen among `fineTuningCandidates` by the error on the last 10,000 training images, held out from
/// the candidates' training; the chosen one then trains on all 60,000 and is measured once on the test images.
struct DBNMNISTReproduction: Reproduction {
    let name = "dbn-mnist"
    let summary = "DBN on binarized MNIST: AIS lower bound ≥ −88.22 (S&M 2008: −86.22); fine-tuned 784-500-500-2000 test error ≤ 1.25% (Hinton et al. 2006)"
    /// The bound's first layer's epochs, as `rbm-mnist`'s; the other stages' epochs are fractions of it.
    let epochs: Int? = 60

    /// Salakhutdinov & Murray 2008's lower bound for their DBN (nats per test image).
    static let publishedBound = -86.22
    /// Hinton, Osindero & Teh 2006's test error in percent.
    static let publishedError = 1.25
    /// The classifier's learning rate, SGD weight decay and dropout of one fine-tuning, and its length in epochs as a
    /// multiple of E.
    struct FineTuning {
        let learningRate: Double
        let weightDecay: Double
        var dropout = 0.0
        var inputDropout = 0.0
        var epochsInE = 1
        /// How run names and the JSON's figures call it, such as `lr0.1-wd0.0001` or `lr0.1-wd0.0-dropout0.5-3xE`.
        var label: String {
            "lr\(learningRate)-wd\(weightDecay)" + (dropout > 0 ? "-dropout\(dropout)" : "")
                + (inputDropout > 0 ? "-input\(inputDropout)" : "") + (epochsInE != 1 ? "-\(epochsInE)xE" : "")
        }
        /// Its fine-tuning epochs when the reproduction's E is `e`.
        func epochs(e: Int) -> Int { epochsInE * e }
        /// Its `dbn` options; the dropout ones only where above 0, so that the fine-tunings without dropout keep the
        /// configurations of their runs from before dropout was an option.
        var options: [String: String] {
            var options = ["fine_tune_weight_decay": "\(weightDecay)"]
            if dropout > 0 { options["fine_tune_dropout"] = "\(dropout)" }
            if inputDropout > 0 { options["fine_tune_input_dropout"] = "\(inputDropout)" }
            return options
        }
    }

    /// The fine-tunings tried on the validation images.
    static let fineTuningCandidates = [
        FineTuning(learningRate: 0.1, weightDecay: 0), FineTuning(learningRate: 0.1, weightDecay: 0.0001),
        FineTuning(learningRate: 0.01, weightDecay: 0), FineTuning(learningRate: 0.01, weightDecay: 0.0001),
        // Dropout learns slowly (Srivastava et al. 2014 train dropout nets far longer), so these train 3E epochs.
        FineTuning(learningRate: 0.1, weightDecay: 0, dropout: 0.5, epochsInE: 3),
        FineTuning(learningRate: 0.1, weightDecay: 0, dropout: 0.5, inputDropout: 0.2, epochsInE: 3),
        // Dropout's held-out error still fell near the end of 3E epochs, so the same fine-tuning also trains 5E.
        FineTuning(learningRate: 0.1, weightDecay: 0, dropout: 0.5, epochsInE: 5),
    ]
    /// The training images held out to choose among the candidates (as Hinton et al. 2006 held out 10,000).
    static let validationImages = 10_000
    /// MNIST's training images.
    static let trainingImages = 60_000
    /// The batch of every stage.
    static let batchSize = 100

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let epochs = context.epochs
        var figures: [String: Double] = [:], runs: [URL] = [], errors: [Double] = []
        for candidate in Self.fineTuningCandidates {
            let run = try fineTuned(context, runName: "dbn-validation-\(candidate.label)", candidate, validation: Self.validationImages)
            errors.append(try context.lastValue("val_error", in: run))
            figures["validation_error_\(candidate.label)"] = errors.last
            runs.append(run)
        }
        // The lowest validation error; `min` keeps the first of equal ones.
        let chosen = Self.fineTuningCandidates[errors.indices.min { errors[$0] < errors[$1] }!]
        figures["chosen_learning_rate"] = chosen.learningRate
        figures["chosen_weight_decay"] = chosen.weightDecay
        figures["chosen_dropout"] = chosen.dropout
        figures["chosen_input_dropout"] = chosen.inputDropout
        figures["chosen_fine_tuning_epochs"] = Double(chosen.epochs(e: epochs))
        let tuned = try fineTuned(context, runName: Self.finalRunName(chosen), chosen, validation: nil)
        let error = try context.lastValue("val_error", in: tuned)

        let secondEpochs = Swift.max(1, epochs / 2)
        let first = Self.updates(epochs, images: Self.trainingImages), second = Self.updates(secondEpochs, images: Self.trainingImages)
        let bound = try context.train("dbn", runName: "dbn-500-2000", epochs: epochs + secondEpochs, options: [
            "layers": "500,2000", "k": "25", "layer_steps": "\(first.steps),\(second.steps)",
            "layer_steps_decay": "\(first.decay),\(second.decay)",
        ])
        let boundValues = try LikelihoodEvaluation.estimate(run: bound)
        figures["bound_log_z"] = boundValues.logZ
        return ReproductionResult(
            name: name, main: .atLeast("DBN 784-500-2000 test log-likelihood lower bound (nats)", boundValues.logLikelihood,
                                       Self.publishedBound - 2),
            others: [.atMost("fine-tuned 784-500-500-2000 test error (%)", error, Self.publishedError)],
            figures: figures,
            source: "Salakhutdinov & Murray 2008 (ICML), DBN lower bound −86.22 nats; Hinton, Osindero & Teh 2006, "
                + "Neural Computation: 1.25% test error of the 784-500-500-2000 DBN",
            seconds: Date().timeIntervalSince(start), runs: runs + [tuned, bound])
    }

    /// The run of the chosen fine-tuning on all training images, named after it, so that a different choice never
    /// resumes another fine-tuning's run.
    static func finalRunName(_ chosen: FineTuning) -> String { "dbn-fine-tuned-\(chosen.label)" }

    /// The updates of `stageEpochs` epochs over `images` training images and the last sixth of them, over which the
    /// stage's rate falls.
    static func updates(_ stageEpochs: Int, images: Int) -> (steps: Int, decay: Int) {
        let steps = Swift.max(1, stageEpochs * (images / batchSize))
        return (steps, steps / 6)
    }

    /// Trains the 784-500-500-2000 DBN (a sixth of the epochs of CD-1 per layer) and fine-tunes it with `settings`
    /// for its multiple of the epochs, on the training images without the last `validation` when given (its
    /// `val_error` then measured on those).
    private func fineTuned(_ context: ReproductionContext, runName: String, _ settings: FineTuning, validation: Int?) throws -> URL {
        let epochs = context.epochs, images = Self.trainingImages - (validation ?? 0), layerEpochs = Swift.max(1, epochs / 6)
        let fineTuningEpochs = settings.epochs(e: epochs)
        let layer = Self.updates(layerEpochs, images: images), fineTuning = Self.updates(fineTuningEpochs, images: images)
        return try context.train("dbn", runName: runName, epochs: 3 * layerEpochs + fineTuningEpochs, options: [
            "layers": "500,500,2000", "fine_tune": "true", "layer_steps": "\(layer.steps)", "layer_steps_decay": "\(layer.decay)",
            "fine_tune_steps": "\(fineTuning.steps - fineTuning.decay)", "fine_tune_steps_decay": "\(fineTuning.decay)",
        ].merging(settings.options) { $1 }) { configuration in
            configuration.learningRates["classifier"] = Float(settings.learningRate)
            configuration.validationImages = validation
        }
    }
}
