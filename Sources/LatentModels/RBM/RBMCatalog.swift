import LatentNN

/// The Boltzmann-machine family's entries in the model catalog.
enum RBMCatalog {
    static let entries: [ModelEntry] = [
        ModelEntry(
            name: "rbm", summary: "Restricted Boltzmann machine, 784 visible × 500 binary hidden units, CD-k or PCD",
            details: "Bernoulli–Bernoulli (visible=gaussian: unit-variance Gaussian visible units) RBM trained by contrastive "
                + "divergence (Hinton 2002) or persistent CD (Tieleman 2008) with SGD, momentum, weight decay on W and an "
                + "optional sparsity target; images binarized stochastically per step by default (Salakhutdinov & Murray 2008). "
                + "State dict W [hidden, visible], v_bias, h_bias. Samples by Gibbs chains; `latent eval RUN --metrics "
                + "log_likelihood` estimates log Z by AIS. docs/rbm.md.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 10, defaultBatchSize: 100,
            defaultLearningRates: ["model": 0.05], options: RBMOptions.all, dropsLastBatch: false
        ) { settings in
            try RBMOptions.build(settings)
        },
        ModelEntry(
            name: "dbn", summary: "Deep belief net: RBMs 784-500-500-2000 stacked greedily, optional fine-tuned classifier",
            details: "Hinton, Osindero & Teh 2006: each layer an RBM trained by CD-k on the hidden probabilities of the one "
                + "below, layer_steps updates each (the top keeps training after its share); samples by top-level Gibbs "
                + "chains and a down pass; `latent eval RUN --metrics log_likelihood` gives the AIS lower bound of "
                + "Salakhutdinov & Murray 2008. --fine-tune: after pretraining, a sigmoid classifier initialised with the "
                + "weights and a softmax layer learns the labels by backpropagation (val_error, percent). State dict "
                + "layers.N.W, layers.N.v_bias, layers.N.h_bias. docs/rbm.md.",
            sampleShape: [1, 28, 28], scaling: .zeroToOne, defaultEpochs: 30, defaultBatchSize: 100,
            defaultLearningRates: ["model": 0.05, "classifier": 0.1], options: DBNOptions.all, dropsLastBatch: false
        ) { settings in
            try DBNOptions.build(settings)
        },
    ]
}

/// The options of `rbm` and how they make the model.
enum RBMOptions {
    static let all = [
        ModelOption("hidden", default: "500", "number of binary hidden units"),
        ModelOption("visible", default: "bernoulli", "visible units: bernoulli (binary) or gaussian (unit variance)"),
        ModelOption("k", default: "1", "Gibbs steps of the negative phase (CD-k)"),
        ModelOption("persistent", default: "false", "true: persistent CD, the chains continue between updates"),
        ModelOption("chains", default: "100", "persistent chains (with persistent=true)"),
        ModelOption("momentum", default: "0.9", "SGD momentum"),
        ModelOption("weight_decay", default: "0.0002", "L2 penalty on W (not on the biases)"),
        ModelOption("sparsity_target", default: "0", "wanted mean hidden activity in (0, 1); 0: no sparsity penalty"),
        ModelOption("sparsity_cost", default: "0.1", "weight of the sparsity penalty"),
        ModelOption("binarize", default: "stochastic", "training images to visible states: stochastic, threshold or none"),
        ModelOption("sample_steps", default: "1000", "Gibbs steps from a chain's start to a generated sample"),
        ModelOption("n_steps", default: "0", "with n_steps_decay > 0: updates at the initial learning rate before it falls"),
        ModelOption("n_steps_decay", default: "0", "updates over which the learning rate then falls linearly to 0; 0 keeps it constant"),
    ]

    /// The RBM `settings` describe; throws naming an option whose value is out of range.
    static func build(_ settings: ModelSettings) throws -> RBM {
        let options = settings.options
        let units = VisibleUnits(rawValue: try options.choice("visible", of: VisibleUnits.allCases.map(\.rawValue)))!
        var training = try Self.training(options, persistent: try options.boolean("persistent"))
        let target = try options.float("sparsity_target", in: 0...0.999)
        training.sparsityTarget = target > 0 ? target : nil
        training.sparsityCost = try options.float("sparsity_cost", in: 0...100)
        if units == .gaussian && training.binarization != .none {
            throw TrainingError.invalidConfiguration("model \(settings.model): visible=gaussian takes real values; set binarize=none")
        }
        let machine = RestrictedBoltzmannMachine(visible: 784, hidden: try options.integer("hidden", in: 1...100_000), visibleUnits: units)
        let optimizer = SGD(learningRate: settings.learningRate("model"), momentum: try options.float("momentum", in: 0...0.999))
        let constantSteps = try options.integer("n_steps", in: 0...1_000_000_000)
        let decaySteps = try options.integer("n_steps_decay", in: 0...1_000_000_000)
        let schedule = LinearDecayLR.falling(baseLearningRate: optimizer.learningRate, constantSteps: constantSteps, decaySteps: decaySteps)
        return RBM(machine: machine, optimizer: optimizer, training: training, chains: try options.integer("chains", in: 1...100_000),
                   schedule: schedule)
    }

    /// The training settings `rbm` and `dbn` share: `k`, `weight_decay`, `binarize` and `sample_steps`.
    static func training(_ options: ModelOptions, persistent: Bool) throws -> RBMTraining {
        var training = RBMTraining()
        training.divergence = ContrastiveDivergence(k: try options.integer("k", in: 1...1000), persistent: persistent)
        training.weightDecay = try options.float("weight_decay", in: 0...1)
        training.binarization = Binarization(rawValue: try options.choice("binarize", of: Binarization.allCases.map(\.rawValue)))!
        training.sampleSteps = try options.integer("sample_steps", in: 1...100_000)
        return training
    }
}

/// The options of `dbn` and how they make the model.
enum DBNOptions {
    static let all = [
        ModelOption("layers", default: "500,500,2000", "hidden layer sizes from the data up, comma-separated"),
        ModelOption("layer_steps", default: "6000", "pretraining updates per layer (6000: 10 MNIST epochs at batch 100), or one per layer, comma-separated"),
        ModelOption("layer_steps_decay", default: "0", "the last updates of each layer's share, over which its learning rate falls linearly to 0 (0: constant), or one per layer"),
        ModelOption("k", default: "1", "Gibbs steps of each layer's CD-k"),
        ModelOption("momentum", default: "0.9", "SGD momentum of pretraining and fine-tuning"),
        ModelOption("weight_decay", default: "0.0002", "L2 penalty on each W during pretraining"),
        ModelOption("binarize", default: "stochastic", "training images to visible states: stochastic, threshold or none"),
        ModelOption("sample_steps", default: "1000", "top-level Gibbs steps of a generated sample"),
        ModelOption("fine_tune", default: "false", "true: after pretraining, fine-tune a classifier on the labels"),
        ModelOption("classes", default: "10", "classes of the fine-tuned classifier"),
        ModelOption("fine_tune_steps", default: "0", "with fine_tune_steps_decay > 0: fine-tuning updates at the classifier's initial learning rate"),
        ModelOption("fine_tune_steps_decay", default: "0", "fine-tuning updates over which the classifier's learning rate then falls linearly to 0; 0 keeps it constant"),
        ModelOption("fine_tune_weight_decay", default: "0", "L2 penalty of the fine-tuning SGD on every classifier parameter (PyTorch's weight_decay)"),
        ModelOption("fine_tune_dropout", default: "0", "dropout probability on each hidden layer of the fine-tuned classifier (0: none)"),
        ModelOption("fine_tune_input_dropout", default: "0", "dropout probability on the pixels the fine-tuned classifier reads (0: none)"),
    ]

    /// The DBN `settings` describe; throws naming an option whose value is out of range.
    static func build(_ settings: ModelSettings) throws -> DBN {
        let options = settings.options
        let text = try options.value("layers")
        let sizes = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.count <= 10, sizes.allSatisfy({ $0.map { (1...100_000).contains($0) } ?? false }) else {
            throw TrainingError.invalidConfiguration(
                "model \(settings.model): option layers is \"\(text)\"; expected 1 to 10 comma-separated layer sizes in 1...100000")
        }
        let training = try RBMOptions.training(options, persistent: false)
        let momentum = try options.float("momentum", in: 0...0.999)
        let net = DeepBeliefNet(visible: 784, sizes: sizes.compactMap { $0 })
        let classes = try options.integer("classes", in: 2...100_000)
        let fineTuningDecay = try options.float("fine_tune_weight_decay", in: 0...1)
        let dropout = try options.float("fine_tune_dropout", in: 0...0.99)
        let inputDropout = try options.float("fine_tune_input_dropout", in: 0...0.99)
        let fineTuning = try options.boolean("fine_tune")
            ? (DBN.classifier(for: net, classes: classes, dropout: dropout, inputDropout: inputDropout),
               SGD(learningRate: settings.learningRate("classifier"), momentum: momentum, weightDecay: fineTuningDecay))
            : nil
        let layerSteps = try options.integers("layer_steps", in: Array(repeating: 1...100_000_000, count: sizes.count))
        let layerStepsDecay = try options.integers("layer_steps_decay", in: layerSteps.map { 0...$0 })
        let constantSteps = try options.integer("fine_tune_steps", in: 0...1_000_000_000)
        let decaySteps = try options.integer("fine_tune_steps_decay", in: 0...1_000_000_000)
        let schedule = fineTuning.flatMap { classifier in
            LinearDecayLR.falling(baseLearningRate: classifier.1.learningRate, constantSteps: constantSteps, decaySteps: decaySteps)
        }
        return DBN(net: net, optimizer: SGD(learningRate: settings.learningRate("model"), momentum: momentum),
                   layerSteps: layerSteps, layerStepsDecay: layerStepsDecay, training: training, fineTuning: fineTuning,
                   fineTuningSchedule: schedule)
    }
}
