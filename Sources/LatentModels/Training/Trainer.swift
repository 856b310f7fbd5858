import Foundation
import LatentData
import LatentNN

/// The one training loop of every model: batches from a `DataLoader`, one `Trainable.step` per
/// batch, a line of `metrics.jsonl` per step, checkpoints every `checkpointEverySteps` steps and at
/// the end, and resumption that continues bit for bit as if never interrupted (same seed and
/// thread count).
///
/// A run directory holds `config.yaml`, `metrics.jsonl` (a resumed run logs `{"step":N,"event":"resumed"}`
/// there) and `checkpoints/` (see `CheckpointStore`;
/// a new run saves step 0 at once, so there is always a checkpoint to go back to):
///
/// ```swift
/// let trainer = try Trainer(directory: run, configuration: config, data: loader, resume: true) { config in
///     try makeModel(config)
/// }
/// try trainer.train { record in print(record.step, record.losses) }
/// ```
///
/// Callbacks given to `train(callbacks:onStep:)` hear of every step, epoch end, evaluation and checkpoint
/// while it runs (see `TrainingCallback`).
///
/// In data-parallel training (`DataParallel.group` started, one process per rank, each with its own trainer on
/// the same run directory), each rank steps on its shard of every global batch of `batchSize` samples (see
/// `BatchShard`), the optimizers average the gradients over the ranks, rank 0's weights are copied to every
/// rank at the start, the ranks' weights are compared every `digestCheckEverySteps` steps, and only rank 0
/// writes to the run directory (see `Trainer+DataParallel.swift`).
///
/// A trainer sets process-wide state, which the caller should know of when it does other work in the same
/// process: opening a run sets the kernels' thread count (`Threads.set`) to the configuration's `threads`,
/// which is not put back afterwards. Initialization and dropout draw from `GlobalRandom`; while the trainer
/// makes its model and steps, those draws come from its own stand-in (`random`), seeded with the
/// configuration's `seed` and saved in and restored from checkpoints, so that runs in one process (tests,
/// a reproduction) do not draw from one another's sequence.
public final class Trainer {
    /// The run directory.
    public let directory: URL
    public let configuration: RunConfiguration
    public let data: DataLoader
    /// The model and its optimizers.
    public let model: any Trainable
    /// The run's checkpoints.
    public let checkpoints: CheckpointStore
    /// Optimizer steps completed.
    public private(set) var completedSteps = 0
    /// The step the run ends after: every epoch's batches, or `configuration.steps` if fewer.
    public let totalSteps: Int
    /// The step of the last checkpoint written or resumed from.
    public private(set) var lastCheckpointStep: Int?
    /// The generator of the training noise (the GAN's z, the VAE's reparameterisation), seeded from
    /// the configuration's seed; layers such as dropout draw from `GlobalRandom`.
    public internal(set) var noise: RandomGenerator
    /// What `GlobalRandom` draws from while the trainer makes its model and steps, seeded with the
    /// configuration's seed.
    public let random: GlobalRandom.StandIn

    /// `metrics.jsonl`; nil on the ranks that do not write (all but rank 0).
    private let metrics: MetricsLog?
    /// The ranks of a data-parallel run; nil when the process trains alone.
    let group: ProcessGroup?
    /// This rank's share of each batch in a data-parallel run, which `noise` draws per-sample values for.
    let shard: BatchShard?
    /// The stop the ranks agreed on after the last step (a stop requested on any rank).
    var stopAgreed = false
    /// The number of ranks that wrote the checkpoint resumed from, when resumed (1 for a run on one process).
    public private(set) var resumedRankCount: Int?
    /// The callbacks of the `train(callbacks:onStep:)` call running, told of each event in this order; held only
    /// while it runs, so that a callback holding the trainer (such as a monitor) makes no lasting cycle.
    private var callbacks: [any TrainingCallback] = []
    /// The batches of the current epoch, from the next one on.
    private var batches: (epoch: Int, iterator: EpochBatches.Iterator)?

    /// Opens the run in `directory`: a new run (the directory must not hold one), or with `resume`,
    /// the run saved there, restored from `checkpoints/latest` (from the start when it has no checkpoint
    /// yet). Sets the process's thread count, seeds the process's global generator with the configuration's
    /// seed, then calls `makeModel`, so that the model's initialization is part of the seeded run.
    ///
    /// Resuming needs the stored configuration to agree on the model, data set, batch size, seed, label budget and
    /// thread count; epochs, steps and checkpoint settings may change.
    public init(
        directory: URL, configuration: RunConfiguration, data: DataLoader, resume: Bool = false,
        makeModel: (RunConfiguration) throws -> any Trainable
    ) throws {
        try configuration.validate()
        guard data.batchSize == configuration.batchSize else {
            throw TrainingError.invalidConfiguration("the data loader's batch size \(data.batchSize) is not the configuration's \(configuration.batchSize)")
        }
        group = DataParallel.group
        shard = try Self.batchShard(of: configuration.batchSize, over: group)
        self.directory = directory
        self.configuration = configuration
        self.data = data
        self.checkpoints = CheckpointStore(directory: directory.appendingPathComponent("checkpoints"), keep: configuration.keepCheckpoints)
        let (epochSteps, overflow) = configuration.epochs.multipliedReportingOverflow(by: data.batchesPerEpoch)
        guard !overflow else {
            throw TrainingError.invalidConfiguration("\(configuration.epochs) epochs of \(data.batchesPerEpoch) steps are too many steps to count")
        }
        self.totalSteps = configuration.steps.map { Swift.min($0, epochSteps) } ?? epochSteps

        let configURL = directory.appendingPathComponent("config.yaml")
        let manager = FileManager.default
        let writes = group.map { $0.rank == 0 } ?? true
        if resume {
            if let text = try? String(contentsOf: configURL, encoding: .utf8) {
                try Self.checkCompatible(stored: try RunConfiguration(yaml: text), given: configuration, path: configURL.path)
            }
        } else if writes, try manager.fileExists(atPath: configURL.path) || !checkpoints.isEmpty() {
            throw TrainingError.runDirectory(path: directory.path, problem: "already holds a run; resume it or choose another directory")
        }
        // config.yaml first: a run killed before its first checkpoint can then be resumed.
        if writes {
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(configuration.yaml.utf8).write(to: configURL, options: .atomic)
                try manager.createDirectory(at: checkpoints.directory, withIntermediateDirectories: true)
            } catch {
                throw TrainingError.runDirectory(path: directory.path, problem: "cannot be written: \(error.localizedDescription)")
            }
        }

        Threads.set(configuration.threads)
        random = GlobalRandom.StandIn(seed: configuration.seed)
        noise = RandomGenerator(seed: configuration.seed ^ Self.noiseSeedMix)
        noise.batchShard = shard
        model = try GlobalRandom.withStandIn(random) { try makeModel(configuration) }
        for (_, module) in model.modules { _ = module.train() }
        metrics = writes ? try MetricsLog(url: directory.appendingPathComponent("metrics.jsonl"), create: !resume) : nil
        if resume, try restoreLatestCheckpoint() {
            try startRanks(resumed: true)
            if writes, try checkpoints.latestStep() == nil { try checkpoints.link(step: completedSteps) }
            if writes { try checkpoints.prune(keepingUpTo: completedSteps) }
        } else {
            try startRanks(resumed: false)
            try saveCheckpoint()
        }
        if resume, let metrics {
            try metrics.dropRecords(after: completedSteps)
            try metrics.append(event: "resumed", step: completedSteps)
        }
    }

    /// Whether every step of the run is done.
    public var isFinished: Bool { completedSteps >= totalSteps }

    /// Stops `train` after the current step, with a checkpoint; request it from any thread (such as
    /// an interrupt handler).
    public let stopRequest = StopRequest()

    /// Trains until the run is finished or a stop is requested, calling `onStep` after every step, then writes
    /// a checkpoint. Throws `TrainingError.nonFiniteLoss` when a loss is not finite,
    /// `TrainingError.nonFiniteState` when a parameter, buffer or optimizer state is not (see
    /// `stateCheckEverySteps`), and what a callback throws.
    ///
    /// While it runs, `callbacks` are told of each step, epoch end, checkpoint and evaluation logged with
    /// `log(evaluation:)` (from `onStep` or a callback), each event before `onStep` hears of the step.
    public func train(callbacks: [any TrainingCallback] = [], onStep: (StepRecord) -> Void = { _ in }) throws {
        try GlobalRandom.withStandIn(random) { try trainSteps(callbacks: callbacks, onStep: onStep) }
    }

    /// The loop of `train(callbacks:onStep:)`.
    private func trainSteps(callbacks: [any TrainingCallback], onStep: (StepRecord) -> Void) throws {
        self.callbacks = callbacks
        defer { self.callbacks = [] }
        while !isFinished && !(group == nil ? stopRequest.isRequested : stopAgreed) {
            onStep(try trainStep())
        }
        if lastCheckpointStep != completedSteps { try saveCheckpoint() }
    }

    /// Takes one step on the next batch, appends its record to `metrics.jsonl`, writes a checkpoint when
    /// the step is a multiple of `checkpointEverySteps`, and tells the callbacks of the step (and of the
    /// epoch's end after its last step).
    ///
    /// When a loss is not finite, the step's record is still logged (non-finite values as `null`);
    /// then the state before the step is rebuilt (from the latest checkpoint, replaying the steps
    /// since), saved as a checkpoint, and `TrainingError.nonFiniteLoss` is thrown.
    public func trainStep() throws -> StepRecord {
        try GlobalRandom.withStandIn(random) { try takeNextStep() }
    }

    /// The step of `trainStep()`.
    private func takeNextStep() throws -> StepRecord {
        precondition(!isFinished, "Trainer.trainStep: the run is finished after \(totalSteps) steps")
        let batch = nextBatch()
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = takeStep(on: batch)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let step = completedSteps + 1
        let record = StepRecord(
            step: step, epoch: batch.epoch + 1, losses: outcome.losses, measurements: outcome.measurements,
            learningRates: Dictionary(uniqueKeysWithValues: model.optimizers.map { ($0.name, $0.optimizer.learningRate) }),
            imagesPerSecond: Float(Double(batch.inputs.shape[0]) / Swift.max(seconds, 1e-9)))
        try metrics?.append(integers: [("step", step), ("epoch", batch.epoch + 1)], numbers: record.numbers)
        guard outcome.losses.values.allSatisfy(\.isFinite) else {
            try rollBack()
            throw TrainingError.nonFiniteLoss(step: step, losses: outcome.losses, checkpoint: checkpoints.latest.path)
        }
        completedSteps = step
        if step % Self.digestCheckEverySteps == 0 { try checkRanksAgree() }
        if step % configuration.checkpointEverySteps == 0 {
            try saveCheckpoint()
        } else if step % Self.stateCheckEverySteps == 0 {
            try checkStateIsFinite()
        }
        for callback in callbacks { try callback.trainer(self, didStep: record) }
        if step % data.batchesPerEpoch == 0 {
            for callback in callbacks { try callback.trainer(self, didFinishEpoch: step / data.batchesPerEpoch) }
        }
        return record
    }

    /// The epoch (from 1) that optimizer step `step` belongs to; 0 for step 0.
    public func epoch(ofStep step: Int) -> Int {
        (step + data.batchesPerEpoch - 1) / data.batchesPerEpoch
    }

    /// Appends a line of evaluation results (such as `val_loss`) for the current step and its epoch to
    /// `metrics.jsonl`, then tells the callbacks; a resume from an earlier checkpoint drops the line with the
    /// steps after that checkpoint.
    public func log(evaluation values: [String: Float]) throws {
        try metrics?.append(integers: [("step", completedSteps), ("epoch", epoch(ofStep: completedSteps))],
                           numbers: values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        for callback in callbacks { try callback.trainer(self, didEvaluate: values) }
    }

    /// Keeps the current state as `checkpoints/best` when `value` of `metric` (lower is better) beats the
    /// best checkpoint's, writing a checkpoint of the current step first; returns whether it did.
    @discardableResult
    public func keepIfBest(metric: String, value: Float) throws -> Bool {
        guard value.isFinite else { return false }
        if let best = try checkpoints.bestRecord(), best.metric == metric, best.value <= value { return false }
        if lastCheckpointStep != completedSteps { try saveCheckpoint() }
        try checkpoints.saveBest(BestCheckpoint(metric: metric, value: value, step: completedSteps))
        return true
    }

    /// Writes a checkpoint of the current state, points `checkpoints/latest` at it, and tells the callbacks.
    /// Throws `TrainingError.nonFiniteState`, writing nothing, when a parameter, buffer or optimizer state is not finite.
    public func saveCheckpoint() throws {
        let perEpoch = data.batchesPerEpoch
        let checkpoint = Checkpoint(
            step: completedSteps, epoch: completedSteps / perEpoch, random: ["global": random.state, "noise": noise],
            metadata: ["model": configuration.model, "dataset": configuration.dataset,
                       "batch_in_epoch": String(completedSteps % perEpoch)].merging(rankMetadata) { $1 })
        model.prepareCheckpoint()
        try checkStateIsFinite()
        if group.map({ $0.rank == 0 }) ?? true { try checkpoints.save(checkpoint, parts: model.checkpointParts) }
        lastCheckpointStep = completedSteps
        for callback in callbacks { try callback.trainer(self, didSaveCheckpointAt: completedSteps) }
    }

    /// The next batch of the data: batch `completedSteps % batchesPerEpoch` of its epoch.
    func nextBatch() -> Batch {
        let perEpoch = data.batchesPerEpoch
        let epoch = completedSteps / perEpoch, index = completedSteps % perEpoch
        if batches?.epoch != epoch { batches = (epoch, data.epoch(epoch, startingAt: index).makeIterator()) }
        guard let batch = batches?.iterator.next() else { preconditionFailure("Trainer: epoch \(epoch) ended early") }
        return batch
    }

    /// Restores the model, optimizers, random states and step from `checkpoints/latest`; returns
    /// false, changing nothing, when there is no checkpoint.
    private func restoreLatestCheckpoint() throws -> Bool {
        guard let checkpoint = try checkpoints.loadLatest(parts: model.checkpointParts) else { return false }
        guard let global = checkpoint.random["global"], let noise = checkpoint.random["noise"] else {
            throw TrainingError.runDirectory(path: checkpoints.latest.path, problem: "lacks the `global` or `noise` random generator state")
        }
        random.state = global
        self.noise = noise
        self.noise.batchShard = shard
        resumedRankCount = checkpoint.metadata[Self.rankCountKey].flatMap { Int($0) } ?? 1
        completedSteps = checkpoint.step
        lastCheckpointStep = checkpoint.step
        batches = nil
        return true
    }

    /// Puts the run back at step `completedSteps` after a failed step: restores the latest checkpoint,
    /// replays the steps after it (bit for bit as they ran), and saves a checkpoint there.
    private func rollBack() throws {
        let target = completedSteps
        guard try restoreLatestCheckpoint(), completedSteps <= target else {
            throw TrainingError.runDirectory(path: checkpoints.latest.path, problem: "holds no checkpoint at or before step \(target) to go back to")
        }
        while completedSteps < target {
            _ = takeStep(on: nextBatch())
            completedSteps += 1
        }
        batches = nil
        if lastCheckpointStep != completedSteps { try saveCheckpoint() }
    }

    /// Steps between checks that every parameter, buffer and optimizer state is finite (a scan of each value,
    /// cheap next to a step); every checkpoint is checked too.
    public static let stateCheckEverySteps = 10

    /// Throws `TrainingError.nonFiniteState` when a parameter, buffer or optimizer state holds NaN or infinity
    /// (which finite losses do not reveal, such as an infinite batch-norm `running_var`), after putting the run
    /// back to its latest checkpoint, which every save has checked.
    private func checkStateIsFinite() throws {
        guard let tensor = model.firstNonFiniteState() else { return }
        let step = completedSteps
        guard try restoreLatestCheckpoint() else {
            throw TrainingError.runDirectory(path: checkpoints.directory.path,
                                             problem: "holds no checkpoint to go back to: \(tensor) is not finite at step \(step)")
        }
        batches = nil
        throw TrainingError.nonFiniteState(step: step, tensor: tensor, goodStep: completedSteps, checkpoint: checkpoints.latest.path)
    }

    /// Mixed into the seed for the noise generator, so that its sequence differs from the global one.
    private static let noiseSeedMix: UInt64 = 0x6E6F_6973_6520_7A00

    private static func checkCompatible(stored: RunConfiguration, given: RunConfiguration, path: String) throws {
        let fields: [(String, String, String)] = [
            ("model", stored.model, given.model), ("dataset", stored.dataset, given.dataset),
            ("batch_size", "\(stored.batchSize)", "\(given.batchSize)"), ("seed", "\(stored.seed)", "\(given.seed)"),
            ("threads", "\(stored.threads)", "\(given.threads)"),
            ("labels", stored.labels.map(String.init) ?? "none", given.labels.map(String.init) ?? "none"),
            ("classes", stored.classes.map(RunConfiguration.listed) ?? "all", given.classes.map(RunConfiguration.listed) ?? "all"),
            ("direction", stored.direction?.rawValue ?? "default", given.direction?.rawValue ?? "default"),
            ("image_size", stored.imageSize.map(String.init) ?? "stored", given.imageSize.map(String.init) ?? "stored"),
            ("validation_images", stored.validationImages.map(String.init) ?? "none", given.validationImages.map(String.init) ?? "none"),
        ]
        let differences = fields.filter { $0.1 != $0.2 }.map { "\($0.0) is \($0.1) there, \($0.2) here" }
        guard differences.isEmpty else {
            throw TrainingError.runDirectory(path: path, problem: "cannot resume a different run: " + differences.joined(separator: "; "))
        }
    }
}
