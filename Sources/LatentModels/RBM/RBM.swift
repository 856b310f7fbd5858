import LatentData
import LatentNN

/// How an RBM is trained, beside its optimizer's learning rate and momentum.
public struct RBMTraining: Sendable {
    /// The negative phase: CD-k or PCD.
    public var divergence = ContrastiveDivergence()
    /// The L2 penalty on the weights W (biases are not decayed), added to W's gradient.
    public var weightDecay: Float = 0
    /// The wanted mean activity of each hidden unit, or nil for no sparsity penalty.
    public var sparsityTarget: Float?
    /// The weight of the sparsity penalty (Hinton 2010, §11): cost·(q − target) added to the hidden biases'
    /// gradient and cost·(q − target)·mean(v) to the weights', q being the running hidden activity.
    public var sparsityCost: Float = 0.1
    /// How training images become visible states.
    public var binarization = Binarization.stochastic
    /// Gibbs steps from a chain's start to a generated sample.
    public var sampleSteps = 1000

    public init() {}
}

/// A restricted Boltzmann machine trained by contrastive divergence (CD-k or PCD) with SGD and momentum.
///
/// Each step logs `loss` (the contrastive free-energy gap mean F(data) − mean F(negative), whose gradient is the
/// update); each epoch's evaluation on the test split logs `val_free_energy`,
/// `val_reconstruction_error` and `val_pseudo_likelihood` (see `RBMEvaluation`). Samples come from Gibbs chains.
public final class RBM: Trainable, Evaluating, SampleGenerating {
    /// The machine trained.
    public let machine: RestrictedBoltzmannMachine
    public let optimizer: SGD
    public let training: RBMTraining
    /// The persistent chains and hidden activity.
    public let state: RBMTrainingState
    /// The optimizer's learning rate by update, or nil to keep the rate it was made with.
    public let schedule: (any LearningRateSchedule & Sendable)?

    /// An RBM trained by `optimizer` as `training` says, with `chains` persistent chains (used by PCD), its learning
    /// rate set from `schedule` before each update when one is given.
    public init(
        machine: RestrictedBoltzmannMachine, optimizer: SGD, training: RBMTraining, chains: Int = 100,
        schedule: (any LearningRateSchedule & Sendable)? = nil
    ) {
        self.machine = machine
        self.optimizer = optimizer
        self.training = training
        self.schedule = schedule
        state = RBMTrainingState(chains: chains, visible: machine.visibleCount, hidden: machine.hiddenCount,
                                 target: training.sparsityTarget ?? 0)
    }

    public var checkpointParts: [String: Checkpoint.Part] {
        ["model": .module(machine), "model_optimizer": .optimizer(optimizer, for: machine), "training_state": .module(state)]
    }

    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("model", optimizer)] }

    public var modules: [(name: String, module: Module)] { [("model", machine), ("training_state", state)] }

    /// The hidden probabilities p(h | v).
    public var representations: [Representation] {
        [Representation(name: "hidden", summary: "the hidden units' probabilities p(h = 1 | v)") { [unowned self] x in
            withoutGrad { machine.hiddenProbabilities(x) }
        }]
    }

    /// `energy`: the free energy F(v) of each image's pixel intensities (higher is less probable).
    public var anomalyScores: [AnomalyScore] {
        [AnomalyScore(name: "energy", summary: "the free energy F(v) of the image's pixel intensities, in nats") { [unowned self] x in
            withoutGrad { machine.freeEnergy(x) }
        }]
    }

    /// One CD-k or PCD update on `real` (binarized first as `training.binarization` says; labels unused).
    public func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome {
        withoutGrad {
            let data = training.binarization.apply(machine.flat(real), generator: &generator)
            let start = training.divergence.persistent ? state.persistentChain : data
            let estimate = training.divergence.estimate(machine, data: data, chainStart: start, generator: &generator)
            if training.divergence.persistent { state.persistentChain = estimate.negative }
            if let schedule { optimizer.learningRate = schedule.learningRate(at: optimizer.step) }
            optimizer.update(machine, with: penalized(estimate, data: data))
            return StepOutcome(losses: ["loss": estimate.freeEnergyGap])
        }
    }

    /// The estimate's gradients with weight decay (added in place) and the sparsity penalty; updates the hidden activity.
    private func penalized(_ estimate: ContrastiveDivergence.Estimate, data: Tensor) -> Gradients {
        var gradients = estimate.gradients
        if training.weightDecay != 0, let weight = gradients["W"] { weight.addScaled(machine.weight, training.weightDecay) }
        if let target = training.sparsityTarget {
            let activity = 0.9 * state.hiddenActivity + 0.1 * estimate.positiveHidden.mean(axis: 0)
            state.hiddenActivity = activity
            let excess = (activity - target) * training.sparsityCost
            gradients["h_bias"] = gradients["h_bias"].map { $0 + excess }
            let outer = Tensor.matmul(excess.reshaped([machine.hiddenCount, 1]), data.mean(axis: 0).reshaped([1, machine.visibleCount]),
                                      transposeA: false, transposeB: false)
            gradients["W"] = gradients["W"].map { $0 + outer }
        }
        return gradients
    }

    /// Generated samples are visible vectors.
    public var latentShape: [Int] { [machine.visibleCount] }

    /// Samples from Gibbs chains, one per row of `z`: a chain starts at `z > 0` (Bernoulli units) or at `z`
    /// (Gaussian ones), runs `training.sampleSteps` steps drawing from a generator seeded by the bits of `z`, and
    /// gives the visible means of its last step, [count, visible].
    public func generate(_ z: Tensor) -> Tensor {
        withoutGrad {
            var generator = RandomGenerator(seed: Self.seed(of: z))
            let start = machine.visibleUnits == .bernoulli ? z.greater(0) : z
            let visible = machine.gibbs(from: start, steps: training.sampleSteps - 1, generator: &generator)
            let hidden = machine.hiddenProbabilities(visible).bernoulliDraw(generator: &generator)
            return machine.visibleMean(hidden)
        }
    }

    /// A seed made of every bit of `z`, so that the same latent vectors give the same samples.
    static func seed(of z: Tensor) -> UInt64 {
        z.withValues { values in
            values.reduce(UInt64(0x9E37_79B9_7F4A_7C15)) { hash, value in
                (hash ^ UInt64(value.bitPattern)) &* 0x1000_0000_01B3
            }
        }
    }

    /// `val_free_energy`, `val_reconstruction_error` and `val_pseudo_likelihood` of `data` (see `RBMEvaluation`).
    public func evaluate(_ data: DataLoader) -> [String: Float] {
        RBMEvaluation(machine: machine, binarization: training.binarization).measure(data).logged
    }
}
