import Foundation
import LatentModels
import LatentNN

extension Train {
    /// The run's configuration: the flags over the `--config` file over the base, which is the model's
    /// defaults for a new run and `RUN/config.yaml` when resuming. Throws, naming the file or value, when a
    /// setting is invalid, names another model, or the run directory does not suit `--resume`.
    func resolvedConfiguration(entry: ModelEntry, run: URL) throws -> RunConfiguration {
        let stored = run.appendingPathComponent("config.yaml")
        let hasRun = FileManager.default.fileExists(atPath: stored.path)
        var configuration: RunConfiguration
        if resume {
            guard hasRun else {
                throw CommandFailure("\(run.path) holds no run to resume (no config.yaml); leave out --resume to start one")
            }
            configuration = try ConfigurationFile.read(stored.path, defaults: nil)
        } else {
            // Rank 0 of a data-parallel run may already have written config.yaml; it alone checks.
            guard !hasRun || (DataParallel.group?.rank ?? 0) != 0 else {
                throw CommandFailure("\(run.path) already holds a run; add --resume to continue it, or choose another --out")
            }
            configuration = Self.defaults(entry)
        }
        if let config { configuration = try ConfigurationFile.read(config, defaults: configuration) }
        guard entry.answers(to: configuration.model) else {
            let source = resume ? stored.path : config ?? "the configuration"
            throw CommandFailure("\(source) is for model \(configuration.model), not \(model)")
        }
        configuration.model = entry.name
        try applyFlags(to: &configuration)
        if let labels = configuration.labels, entry.defaultLabels == nil {
            throw CommandFailure("--labels \(labels): model \(entry.name) learns from no label budget (semi-gan does)")
        }
        try configuration.validate()
        return configuration
    }

    /// A new run's settings before the flags and the `--config` file: the model's defaults (its label budget
    /// included), seed 0, and as many threads as processors.
    static func defaults(_ entry: ModelEntry) -> RunConfiguration {
        RunConfiguration(
            model: entry.name, dataset: entry.defaultDataset, epochs: entry.defaultEpochs, batchSize: entry.defaultBatchSize,
            seed: 0, threads: ProcessInfo.processInfo.activeProcessorCount, learningRates: entry.defaultLearningRates,
            labels: entry.defaultLabels)
    }

    private func applyFlags(to configuration: inout RunConfiguration) throws {
        if let dataset { configuration.dataset = dataset }
        if let dataDir { configuration.dataDirectory = dataDir }
        if let direction { configuration.direction = direction }
        if let imageSize { configuration.imageSize = imageSize }
        if let validationImages { configuration.validationImages = validationImages }
        if let classes { configuration.classes = try RunConfiguration.classList(classes) }
        if let epochs { configuration.epochs = epochs }
        if let steps { configuration.steps = steps }
        if let batchSize { configuration.batchSize = batchSize }
        if let seed { configuration.seed = seed }
        if let labels { configuration.labels = labels }
        if let threads { configuration.threads = threads }
        if let sampleEveryEpochs { configuration.sampleEveryEpochs = sampleEveryEpochs }
        if let evalEveryEpochs { configuration.evalEveryEpochs = evalEveryEpochs }
        if let checkpointEverySteps { configuration.checkpointEverySteps = checkpointEverySteps }
        if let keepCheckpoints { configuration.keepCheckpoints = keepCheckpoints }
        for assignment in learningRates {
            guard let rate = Float(assignment.value) else {
                throw CommandFailure("--lr \(assignment.name)=\(assignment.value): \"\(assignment.value)\" is not a number")
            }
            configuration.learningRates[assignment.name] = rate
        }
        for assignment in options { configuration.options[assignment.name] = assignment.value }
        if fineTune { configuration.options["fine_tune"] = "true" }
    }
}
