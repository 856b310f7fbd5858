import LatentData
import LatentNN

/// The trainer's part in data-parallel training: the batch shard, the start of the ranks, the step on a
/// shard with its measurements averaged, and the check that the ranks' weights agree.
extension Trainer {
    /// The steps between comparisons of the ranks' weight digests in a data-parallel run.
    public static let digestCheckEverySteps = 50

    /// The checkpoint metadata key of the number of ranks that wrote it (absent for a run on one process).
    static let rankCountKey = "ranks"

    /// Whether this process writes the run directory: rank 0 of a data-parallel run, or a process alone.
    public var writesRunDirectory: Bool { group.map { $0.rank == 0 } ?? true }

    /// The number of processes training together (1 without a data-parallel group).
    public var rankCount: Int { group?.size ?? 1 }

    /// This rank's shard of every batch of `batchSize` samples; nil without a group. Throws when the ranks
    /// cannot share the batch evenly.
    static func batchShard(of batchSize: Int, over group: ProcessGroup?) throws -> BatchShard? {
        guard let group else { return nil }
        guard batchSize % group.size == 0 else {
            throw TrainingError.invalidConfiguration(
                "--batch-size \(batchSize) (the global batch) cannot be split evenly over \(group.size) ranks; choose a multiple of \(group.size)")
        }
        return BatchShard(index: group.rank, count: group.size, size: batchSize / group.size)
    }

    /// The checkpoint metadata naming how many ranks trained, in a data-parallel run.
    var rankMetadata: [String: String] {
        group.map { [Self.rankCountKey: String($0.size)] } ?? [:]
    }

    /// Makes every rank start from rank 0's weights and buffers, and, with the option `sync_batch_norm=true`,
    /// batch norm use the statistics of all ranks; when `resumed`, first checks that every rank restored the
    /// same step.
    func startRanks(resumed: Bool) throws {
        guard let group else { return }
        if resumed, !group.agree(on: UInt64(completedSteps)) {
            throw TrainingError.runDirectory(
                path: checkpoints.latest.path,
                problem: "the ranks resumed from different steps (rank \(group.rank) from step \(completedSteps)); all ranks must see the same run directory")
        }
        group.broadcast(model.modules.flatMap { $0.module.stateDict().map(\.1) })
        if configuration.options[ModelOption.syncBatchNorm.name] == "true" {
            for (_, module) in model.modules {
                for case let (_, layer as BatchNorm) in module.namedModules() { layer.statisticsGroup = group }
            }
        }
    }

    /// One step of the model on this rank's shard of `batch`; in a data-parallel run, the losses and
    /// measurements averaged over the ranks, a requested stop shared, and rank 0's buffers (batch-norm
    /// statistics) copied to every rank.
    func takeStep(on batch: Batch) -> StepOutcome {
        guard let group, let shard else {
            return model.step(real: batch.inputs, labels: batch.labels, generator: &noise)
        }
        let inputs = batch.inputs.slice(axis: 0, range: shard.rows)
        let labels = batch.labels.isEmpty ? [] : Array(batch.labels[shard.rows])
        var outcome = model.step(real: inputs, labels: labels, generator: &noise)
        let losses = outcome.losses.keys.sorted(), measurements = outcome.measurements.keys.sorted()
        let local = losses.map { Double(outcome.losses[$0]!) } + measurements.map { Double(outcome.measurements[$0]!) }
            + [stopRequest.isRequested ? 1 : 0]
        let summed = group.combine(local)
        let scale = 1 / Double(group.size)
        for (index, key) in losses.enumerated() { outcome.losses[key] = Float(summed[index] * scale) }
        for (index, key) in measurements.enumerated() { outcome.measurements[key] = Float(summed[losses.count + index] * scale) }
        stopAgreed = summed.last! > 0
        let buffers = model.modules.flatMap { $0.module.namedBuffers().map(\.tensor) }
        if !buffers.isEmpty { group.broadcast(buffers) }
        return outcome
    }

    /// Throws `TrainingError.ranksDiverged` on every rank when the ranks' weights and buffers differ.
    func checkRanksAgree() throws {
        guard let group else { return }
        let digest = model.modules.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { $1.module.stateDigest(startingFrom: $0) }
        if !group.agree(on: digest) {
            throw TrainingError.ranksDiverged(step: completedSteps, checkpoint: checkpoints.latest.path)
        }
    }
}
