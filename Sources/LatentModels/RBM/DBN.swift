import LatentData
import LatentNN

/// A deep belief net trained greedily layer by layer (Hinton et al. 2006) by the one trainer: the first
/// `layerSteps[0]` updates train layer 0 by CD-k on the binarized data, the next `layerSteps[1]` layer 1 on layer 0's
/// hidden probabilities, and so on; the top layer keeps training after its share. Where a layer's decay is above 0,
/// its learning rate falls linearly to 0 over the last updates of its share (and the top layer's stays at 0 after
/// it). With a classifier, the updates after pretraining fine-tune it: its sigmoid layers start from the DBN's weights
/// and hidden biases, a softmax layer is added, and cross-entropy on the labels is minimized by backpropagation, its
/// learning rate following `fineTuningSchedule` when one is given.
public final class DBN: Trainable, Evaluating, SampleGenerating, LikelihoodEstimating {
    public let net: DeepBeliefNet
    /// The optimizer of the pretraining updates (one SGD over every layer; only the layer trained has gradients).
    public let optimizer: SGD
    /// Pretraining updates of each layer, from the data up.
    public let layerSteps: [Int]
    /// Each layer's learning rate by its own update count where it falls over the end of the layer's share.
    public let layerSchedules: [LinearDecayLR?]
    /// The negative phase, weight decay, binarization and sampling of each layer's RBM training.
    public let training: RBMTraining
    /// The classifier fine-tuned after pretraining and its optimizer, when fine-tuning.
    public let fineTuning: (classifier: Sequential, optimizer: SGD)?
    /// The classifier's learning rate by its optimizer's update count, when it follows a schedule.
    public let fineTuningSchedule: LinearDecayLR?

    /// A DBN trained by `optimizer`, `layerSteps[i]` updates for layer i, whose learning rate falls linearly to 0
    /// over the last `layerStepsDecay[i]` of them (0 or no entries: constant), fine-tuning `fineTuning`'s classifier
    /// afterwards when given (built by `classifier(for:classes:dropout:inputDropout:)`), at the rates of
    /// `fineTuningSchedule` when given.
    public init(
        net: DeepBeliefNet, optimizer: SGD, layerSteps: [Int], layerStepsDecay: [Int] = [], training: RBMTraining,
        fineTuning: (Sequential, SGD)? = nil, fineTuningSchedule: LinearDecayLR? = nil
    ) {
        let decays = layerStepsDecay.isEmpty ? Array(repeating: 0, count: layerSteps.count) : layerStepsDecay
        precondition(layerSteps.count == net.layers.count && decays.count == net.layers.count,
                     "DBN: one layerSteps and one layerStepsDecay entry per layer (\(net.layers.count)), got \(layerSteps) and \(layerStepsDecay)")
        precondition(zip(layerSteps, decays).allSatisfy { $0 >= 1 && (0...$0).contains($1) },
                     "DBN: each layer's steps must be at least 1 and its decay in 0...steps, got \(layerSteps) and \(decays)")
        self.net = net
        self.optimizer = optimizer
        self.layerSteps = layerSteps
        layerSchedules = zip(layerSteps, decays).map { steps, decay in
            LinearDecayLR.falling(baseLearningRate: optimizer.learningRate, constantSteps: steps - decay, decaySteps: decay)
        }
        self.training = training
        self.fineTuning = fineTuning.map { (classifier: $0.0, optimizer: $0.1) }
        self.fineTuningSchedule = fineTuningSchedule
    }

    /// A classifier shaped as `net` (sigmoid layers of its sizes) with a linear layer to `classes` logits on top;
    /// in training mode, dropout with probability `inputDropout` on the pixels and `dropout` on each sigmoid layer's
    /// output (Srivastava et al. 2014), each present only where above 0, as `torch.nn.Dropout` in a `Sequential`.
    public static func classifier(for net: DeepBeliefNet, classes: Int, dropout: Float = 0, inputDropout: Float = 0) -> Sequential {
        var layers: [any Layer] = inputDropout > 0 ? [Dropout(p: inputDropout)] : []
        for layer in net.layers {
            layers += [Linear(layer.visibleCount, layer.hiddenCount), Sigmoid()]
            if dropout > 0 { layers.append(Dropout(p: dropout)) }
        }
        layers.append(Linear(net.top.hiddenCount, classes))
        return Sequential(layers)
    }

    /// The weights and biases of the classifier's linear layers, from the pixels up.
    private static func linearParameters(of classifier: Sequential) -> (weights: [Tensor], biases: [Tensor]) {
        let parameters = classifier.namedParameters()
        return (parameters.filter { $0.name.hasSuffix(".weight") }.map(\.tensor),
                parameters.filter { $0.name.hasSuffix(".bias") }.map(\.tensor))
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        var parts: [String: Checkpoint.Part] = ["model": .module(net), "model_optimizer": .optimizer(optimizer, for: net)]
        if let fineTuning {
            parts["classifier"] = .module(fineTuning.classifier)
            parts["classifier_optimizer"] = .optimizer(fineTuning.optimizer, for: fineTuning.classifier)
        }
        return parts
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("model", optimizer)] + (fineTuning.map { [("classifier", $0.optimizer as any Optimizer)] } ?? [])
    }

    public var modules: [(name: String, module: Module)] {
        [("model", net)] + (fineTuning.map { [("classifier", $0.classifier as Module)] } ?? [])
    }

    /// The top layer's hidden probabilities from an up pass.
    public var representations: [Representation] {
        [Representation(name: "hidden", summary: "the top layer's hidden probabilities from an up pass") { [unowned self] x in
            withoutGrad { net.up(x, through: net.layers.count) }
        }]
    }

    /// The classes of the fine-tuned classifier, whose training needs a label per image; nil without fine-tuning.
    public var labelledClassCount: Int? {
        fineTuning.flatMap { Self.linearParameters(of: $0.classifier).weights.last?.shape[0] }
    }

    /// Updates of pretraining before fine-tuning starts.
    public var pretrainingSteps: Int { layerSteps.reduce(0, +) }

    /// The layer pretraining update `step` trains and that layer's own update count (the top layer's keeps counting
    /// after its share).
    public func pretrainingTurn(at step: Int) -> (layer: Int, layerStep: Int) {
        var start = 0
        for (layer, steps) in layerSteps.enumerated().dropLast() {
            if step < start + steps { return (layer, step - start) }
            start += steps
        }
        return (layerSteps.count - 1, step - start)
    }

    /// One update: of the layer whose turn it is in pretraining, or of the classifier once pretraining is done.
    public func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome {
        if let fineTuning, optimizer.step >= pretrainingSteps {
            return fineTune(fineTuning, real: real, labels: labels)
        }
        return withoutGrad {
            let (index, layerStep) = pretrainingTurn(at: optimizer.step)
            let layer = net.layers[index]
            let data = net.up(training.binarization.apply(net.layers[0].flat(real), generator: &generator), through: index)
            let estimate = training.divergence.estimate(layer, data: data, chainStart: data, generator: &generator)
            let gradients = estimate.gradients
            if training.weightDecay != 0, let weight = gradients["W"] { weight.addScaled(layer.weight, training.weightDecay) }
            if let schedule = layerSchedules[index] { optimizer.learningRate = schedule.learningRate(at: layerStep) }
            optimizer.update(net, with: Dictionary(uniqueKeysWithValues: gradients.map { ("layers.\(index).\($0.key)", $0.value) }))
            return StepOutcome(losses: ["loss": estimate.freeEnergyGap], measurements: ["layer": Float(index + 1)])
        }
    }

    /// Copies each layer's W and hidden biases into the classifier's sigmoid layers.
    public func initializeClassifier() {
        guard let fineTuning else { return }
        let linears = Self.linearParameters(of: fineTuning.classifier)
        for (index, layer) in net.layers.enumerated() {
            linears.weights[index].assign(layer.weight)
            linears.biases[index].assign(layer.hiddenBias)
        }
    }

    private func fineTune(_ fineTuning: (classifier: Sequential, optimizer: SGD), real: Tensor, labels: [Int]) -> StepOutcome {
        precondition(labels.count == real.shape[0], "DBN: fine-tuning needs a class label per image; the data set has none")
        if fineTuning.optimizer.step == 0 { initializeClassifier() }
        if let fineTuningSchedule { fineTuning.optimizer.learningRate = fineTuningSchedule.learningRate(at: fineTuning.optimizer.step) }
        let x = net.layers[0].flat(real)
        let (loss, gradients) = valueAndGrad(of: fineTuning.classifier) { crossEntropy($0(x), labels: labels) }
        fineTuning.optimizer.update(fineTuning.classifier, with: gradients)
        return StepOutcome(losses: ["loss": loss.item], measurements: ["layer": Float(net.layers.count + 1)])
    }

    public var latentShape: [Int] { [net.top.visibleCount] }

    /// Samples: top-level Gibbs chains starting at `z > 0`, drawn from a generator seeded by the bits of `z`, then a
    /// down pass (`DeepBeliefNet.generate`).
    public func generate(_ z: Tensor) -> Tensor {
        withoutGrad {
            var generator = RandomGenerator(seed: RBM.seed(of: z))
            return net.generate(from: z.greater(0), steps: training.sampleSteps, generator: &generator)
        }
    }

    /// The first layer's `val_free_energy`, `val_reconstruction_error` and `val_pseudo_likelihood`; when
    /// fine-tuning, the classifier's `val_loss` (mean cross-entropy) and `val_error` (percent misclassified).
    public func evaluate(_ data: DataLoader) -> [String: Float] {
        var values = RBMEvaluation(machine: net.layers[0], binarization: training.binarization).measure(data).logged
        guard let fineTuning else { return values }
        var loss = 0.0, wrong = 0, count = 0
        inEvaluationMode {
            for batch in data.epoch(0) where batch.labels.count == batch.inputs.shape[0] {
                let logits = fineTuning.classifier(net.layers[0].flat(batch.inputs))
                loss += Double(crossEntropy(logits, labels: batch.labels, reduction: .sum).item)
                let predicted = logits.argmax(axis: 1).values
                wrong += zip(predicted, batch.labels).filter { Int($0) != $1 }.count
                count += batch.labels.count
            }
        }
        if count > 0 {
            values["val_loss"] = Float(loss / Double(count))
            values["val_error"] = Float(100 * Double(wrong) / Double(count))
        }
        return values
    }

    /// The lower bound of `DeepBeliefNet.boundPlusLogZ` averaged over `test` (binarized once, one draw of the
    /// hidden states per image from a fixed seed) minus the top RBM's log Z, estimated by AIS from a base-rate
    /// model of `train`'s up-pass probabilities.
    public func estimateLogLikelihood(test: DataLoader, train: DataLoader, sampling: AnnealedImportanceSampling) throws -> LogLikelihoodEstimate {
        try withoutGrad {
            let evaluation = RBMEvaluation(machine: net.layers[0], binarization: training.binarization)
            let below = net.layers.count - 1
            var sum = Tensor.zeros([net.top.visibleCount]), count = 0
            for v in evaluation.visibleBatches(train) {
                sum = sum + net.up(v, through: below).sum(axis: 0)
                count += v.shape[0]
            }
            let base = AnnealedImportanceSampling.baseRateBias(visibleMeans: (sum * (1 / Float(Swift.max(count, 1)))).values)
            let partition = sampling.estimate(net.top, baseVisibleBias: base)
            let exact = net.top.hiddenCount <= PartitionFunction.maximumExactHiddenUnits ? try PartitionFunction.exact(net.top) : nil
            var generator = RandomGenerator(seed: sampling.seed ^ 0xDB4)
            var total = 0.0, images = 0
            for v in evaluation.visibleBatches(test) {
                total += net.boundPlusLogZ(v, generator: &generator).reduce(0, +)
                images += v.shape[0]
            }
            let mean = total / Double(Swift.max(images, 1))
            return LogLikelihoodEstimate(
                logLikelihood: mean - partition.logZ, logLikelihoodRange: (mean - partition.logZHigh, mean - partition.logZLow),
                partition: partition, exactLogZ: exact, isLowerBound: true)
        }
    }
}
