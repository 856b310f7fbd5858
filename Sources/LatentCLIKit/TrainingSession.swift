import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport

/// One session of a training run: the trainer, its monitor, the progress display and the interrupt
/// handler together, from opening the run directory to the closing message.
struct TrainingSession {
    let entry: ModelEntry
    let configuration: RunConfiguration
    let directory: URL
    let resume: Bool
    let inputs: TrainingInputs
    /// How a user resumes the run after a signal stops it, when not by `latent train … --resume` (a reproduction's
    /// runs resume by running the same command again).
    var resumeHint: String?

    private var data: DataLoader { inputs.data }

    /// Trains until the run is finished, interrupted or fails; returns the exit status (0, or 128 plus
    /// the signal). Throws `CommandFailure` when a loss is not finite, after recording the failure in
    /// `run.json`.
    func run() throws -> Int32 {
        let trainer = try Trainer(directory: directory, configuration: configuration, data: data, resume: resume) {
            try entry.makeModel($0, examples: inputs.examples)
        }
        try checkLabels(trainer)
        guard trainer.writesRunDirectory else { return try follow(trainer) }
        let monitor = try TrainingMonitor(
            trainer: trainer, sampleShape: try entry.sampleShape(for: configuration), pixelRange: PixelRange(entry.scaling), resumed: resume,
            module: entry.module, labelBudget: inputs.labelBudget)
        let interrupts = InterruptHandler(stop: trainer.stopRequest)
        announce(trainer)
        let progress = ProgressDisplay(
            totalSteps: trainer.totalSteps, totalEpochs: monitor.schedule.lastEpoch, batchSize: configuration.batchSize,
            completedSteps: trainer.completedSteps)
        let evaluation = try EpochEvaluation.make(entry: entry, configuration: configuration, trainer: trainer, monitor: monitor)
        var monitorError: (any Error)?
        do {
            try trainer.train { record in
                progress.update(record)
                do {
                    try monitor.record(record)
                    if let values = try evaluation?.evaluateIfEpochEnded(record) {
                        progress.note("epoch \(record.epoch): " + values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                    }
                } catch {
                    monitorError = error
                    trainer.stopRequest.request()
                }
            }
        } catch {
            progress.finish()
            let message = CommandFailure.describe(error)
            try? monitor.finish(.failed, message: message)
            writeReport()
            throw CommandFailure(message)
        }
        progress.finish()
        if let monitorError {
            let message = CommandFailure.describe(monitorError)
            try? monitor.finish(.failed, message: message)
            writeReport()
            throw CommandFailure(message)
        }
        if !trainer.isFinished {
            // Without a signal of its own, rank 0 of a data-parallel run stops with the rank that received one.
            let signal = interrupts.receivedSignal ?? SIGTERM
            let name = interrupts.receivedSignal.map(InterruptHandler.name) ?? "a signal to another rank"
            try monitor.finish(.stopped, message: "stopped by \(name) after step \(trainer.completedSteps)")
            writeReport()
            Console.out("Stopped by \(name) after step \(trainer.completedSteps) of \(trainer.totalSteps); checkpoint in \(trainer.checkpoints.latest.path)")
            Console.out("Resume with: " + (resumeHint ?? "latent train \(entry.name) --out \(directory.path) --resume"))
            return 128 + signal
        }
        try monitor.finish(.finished)
        writeRepresentationAnalyses(trainer.model)
        let report = writeReport()
        summarize(trainer, monitor, report: report)
        return 0
    }

    /// Trains on a rank of a data-parallel run other than rank 0, which writes nothing and shows no
    /// progress; a signal stops it after the step where the ranks agree to stop.
    private func follow(_ trainer: Trainer) throws -> Int32 {
        let interrupts = InterruptHandler(stop: trainer.stopRequest)
        do {
            try trainer.train()
        } catch {
            throw CommandFailure("rank \(DataParallel.group?.rank ?? 0): " + CommandFailure.describe(error))
        }
        return trainer.isFinished ? 0 : 128 + (interrupts.receivedSignal ?? SIGTERM)
    }

    /// Throws when the model is conditioned on classes or learns them (a fine-tuned classifier) and the first batch
    /// of the data has no labels, or labels outside the model's classes; and when a model that learns classes gets
    /// data of a single class (a flat image folder, whose images are all class 0).
    private func checkLabels(_ trainer: Trainer) throws {
        let learned = trainer.model.labelledClassCount
        guard let classCount = learned ?? (trainer.model as? any SampleGenerating)?.conditionalClassCount else { return }
        let labels = trainer.data.batch(epoch: 0, index: 0).labels
        if labels.isEmpty || (learned != nil && inputs.classCount < 2) {
            let purpose = learned == nil ? "" : " to fine-tune its classifier"
            let found = labels.isEmpty ? "none" : "a single class (a folder without class subfolders)"
            throw CommandFailure("model \(entry.name) needs class labels\(purpose), and data set \(configuration.dataset) has \(found)")
        }
        if let outside = labels.first(where: { !(0..<classCount).contains($0) }) {
            throw CommandFailure("model \(entry.name) knows the classes 0…\(classCount - 1); data set \(configuration.dataset) has label \(outside)")
        }
    }

    private func announce(_ trainer: Trainer) {
        let c = configuration
        let limit = trainer.totalSteps < c.epochs * data.batchesPerEpoch ? " (limited by --steps)" : ""
        let labels = inputs.labelBudget.map { ", \($0.count) labelled images" } ?? ""
        Console.out("Training \(entry.name) on \(c.dataset)\(labels): \(trainer.totalSteps) steps\(limit), \(data.batchesPerEpoch) per epoch, "
            + "batch \(c.batchSize), seed \(c.seed), \(c.threads) threads, run directory \(directory.path)")
        if trainer.rankCount > 1 {
            Console.out("Data-parallel over \(trainer.rankCount) ranks: \(c.batchSize / trainer.rankCount) samples of each batch per rank")
        }
        if resume { Console.out("Resumed from the checkpoint of step \(trainer.completedSteps)") }
        if let written = trainer.resumedRankCount, written != trainer.rankCount {
            Console.error("latent: warning: the checkpoint was written by \(written) rank(s) and \(trainer.rankCount) resume it: "
                + "the run goes on, but its numerics differ from an uninterrupted run (summation order, per-rank batch norm)")
        }
    }

    /// Test images in the map of the codes and in the cluster tables that a finished run's report shows.
    static let mappedImages = 1000

    /// Writes what a finished run's report shows of the model's representations of the first `mappedImages` test
    /// images into `analyses/`: a PCA map of its first representation (an encoder's codes, a discriminator's features)
    /// and the cluster table of each cluster head (InfoGAN's Q, ClusterGAN's encoder); one that cannot be made is a warning.
    private func writeRepresentationAnalyses(_ model: any Trainable) {
        let representations = model.representations
        guard !representations.isEmpty else { return }
        let test: (images: ImageDataset, classNames: [String])
        do {
            guard try DatasetCatalog.entry(configuration.dataset).hasTestSplit,
                  case .images(let all, let classNames) = try DatasetCatalog().load(
                      configuration.dataset, split: .test, dataDirectory: configuration.dataDirectory, direction: configuration.direction,
                      imageSize: configuration.imageSize)
            else { return }
            test = (all.subset(Array(0..<min(Self.mappedImages, all.count))), classNames)
        } catch {
            return Console.error("latent: warning: the test images were not read for the report: \(CommandFailure.describe(error))")
        }
        let images = test.images.images(scaling: entry.scaling)
        for representation in representations where representation.kind == .clusterLogits {
            do {
                try ClusterTable(logits: representation.encode(images), labels: test.images.labels).writeAnalysis(
                    images: images, range: PixelRange(entry.scaling), classNames: test.classNames, in: directory, name: "clusters-\(representation.name)",
                    title: "Clusters of \(test.images.count) \(configuration.dataset) test images: argmax of \(representation.name) after training")
            } catch {
                Console.error("latent: warning: the clusters of the model's \(representation.name) were not shown: \(CommandFailure.describe(error))")
            }
        }
        let first = representations[0]
        do {
            let map = try EmbeddingMap(vectors: first.encode(images), labels: test.images.labels, method: .pca)
            try map.writeAnalysis(
                in: directory, name: "embedding-\(first.name)-pca",
                title: "PCA of \(test.images.count) \(configuration.dataset) test images: \(first.name) after training",
                classNames: test.classNames)
        } catch {
            Console.error("latent: warning: the map of the model's \(first.name) was not drawn: \(CommandFailure.describe(error))")
        }
    }

    /// Writes the run's report, returning its path; a report that cannot be written is a warning, not a
    /// failure of the run (`latent report RUN` can write it later).
    @discardableResult
    private func writeReport() -> String? {
        do {
            return try RunReport.write(run: directory).path
        } catch {
            Console.error("latent: warning: the report was not written: \(CommandFailure.describe(error))")
            return nil
        }
    }

    private func summarize(_ trainer: Trainer, _ monitor: TrainingMonitor, report: String?) {
        let path = directory.path
        let seconds = ProgressDisplay.duration(monitor.status.seconds)
        Console.out("Finished \(trainer.totalSteps) steps (\(seconds) of training).")
        Console.out("  samples:     \(path)/samples/")
        Console.out("  checkpoints: \(trainer.checkpoints.latest.path)")
        Console.out("  metrics:     \(path)/metrics.jsonl")
        Console.out("  TensorBoard: tensorboard --logdir \(path)")
        if let report { Console.out("  report:      \(report)") }
    }
}
