import LatentNN

/// A model with its optimizers that the `Trainer` trains: one update per batch, and the parts a
/// checkpoint saves.
public protocol Trainable: AnyObject {
    /// The modules and optimizers a checkpoint saves and restores, by file name (`generator`,
    /// `generator_optimizer`, …).
    var checkpointParts: [String: Checkpoint.Part] { get }
    /// The optimizers by name (`generator`, `discriminator`, `model`), for their learning rates.
    var optimizers: [(name: String, optimizer: any Optimizer)] { get }
    /// The modules by name, to switch between training and evaluation mode.
    var modules: [(name: String, module: Module)] { get }

    /// One training update on a batch of real samples and their class labels (empty when the data
    /// has none), drawing noise from `generator`; returns its losses and other measurements.
    func step(real: Tensor, labels: [Int], generator: inout RandomGenerator) -> StepOutcome
    /// Brings state derived from the weights up to date before `checkpointParts` are saved.
    func prepareCheckpoint()
    /// The ways the model maps images to vectors (codes, features, cluster logits), first the default.
    var representations: [Representation] { get }
    /// The ways the model scores how anomalous images are (higher: more anomalous), first the default.
    var anomalyScores: [AnomalyScore] { get }
    /// How many classes the model learns from its training labels (a classifier it trains); nil when it reads none.
    var labelledClassCount: Int? { get }
}

extension Trainable {
    /// Nothing to bring up to date.
    public func prepareCheckpoint() {}

    /// None: the model maps no images to vectors.
    public var representations: [Representation] { [] }

    /// None: the model scores no images.
    public var anomalyScores: [AnomalyScore] { [] }

    /// None: the model reads no labels, or only as a class-conditional generator does (`conditionalClassCount`).
    public var labelledClassCount: Int? { nil }

    /// One training update on a batch of unlabelled samples.
    public func step(real: Tensor, generator: inout RandomGenerator) -> StepOutcome {
        step(real: real, labels: [], generator: &generator)
    }
}

/// What one training update measured.
public struct StepOutcome: Sendable {
    /// Every loss, by name (such as `loss_d`, `loss_g`); the trainer stops when one is not finite.
    public var losses: [String: Float]
    /// Other measurements, by name (such as `d_real`, `d_fake`).
    public var measurements: [String: Float]

    public init(losses: [String: Float], measurements: [String: Float] = [:]) {
        self.losses = losses
        self.measurements = measurements
    }
}
