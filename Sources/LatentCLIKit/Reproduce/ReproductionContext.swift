import Foundation
import LatentModels
import LatentReport

/// Where and how a reproduction trains: its output folder, seed and threads, and the way it runs a model.
struct ReproductionContext {
    /// The folder holding one run directory per model trained.
    let directory: URL
    /// The seed of every run.
    let seed: UInt64
    /// Kernel threads of every run.
    let threads: Int
    /// The epochs of the reproduction's published protocol, nil when it does not train by epochs.
    let publishedEpochs: Int?
    /// The epochs that replace the published ones (`latent reproduce --epochs`), nil for the published protocol.
    var epochsOverride: Int?
    /// The label budget asked for (`latent reproduce --labels`), nil for the reproduction's default.
    var labels: Int?
    /// The most optimizer steps of each run (`latent reproduce --steps`), nil for no cap.
    var stepsOverride: Int?
    /// The folder of the Fashion-MNIST files (`latent reproduce --fashion-mnist-dir`), nil for the catalog's places.
    var fashionMNISTDirectory: String?

    /// The epochs to train: the published protocol's unless `--epochs` replaced them. Stops for a
    /// reproduction that does not train by epochs.
    var epochs: Int {
        guard let publishedEpochs else { preconditionFailure("ReproductionContext: this reproduction does not train by epochs") }
        return epochsOverride ?? publishedEpochs
    }

    /// Trains `model` for `epochs` in `directory/runName` with the model's defaults and `options` over them,
    /// as `latent train` does (progress, samples, report); a run already there is resumed, so that a
    /// finished one is not trained again; `--steps` caps its steps. `configure` changes the configuration further (steps, batch size,
    /// learning rates). Returns the run directory; throws when training fails.
    func train(_ model: String, runName: String? = nil, epochs: Int, options: [String: String] = [:],
               configure: (inout RunConfiguration) -> Void = { _ in }) throws -> URL {
        let entry = try ModelCatalog.entry(named: model)
        let run = directory.appendingPathComponent(runName ?? entry.name)
        let resume = FileManager.default.fileExists(atPath: run.appendingPathComponent("config.yaml").path)
        var configuration = Train.defaults(entry)
        configuration.epochs = epochs
        configuration.seed = seed
        configuration.threads = threads
        configuration.options = options
        configuration.steps = stepsOverride
        configure(&configuration)
        let inputs = try TrainingData.inputs(for: entry, configuration: configuration)
        let session = TrainingSession(
            entry: entry, configuration: configuration, directory: run, resume: resume, inputs: inputs,
            resumeHint: "the same latent reproduce command, which resumes the runs under \(directory.path)")
        let status = try session.run()
        guard status == 0 else { throw CommandFailure("training \(model) in \(run.path) stopped", status: status) }
        return run
    }

    /// The metrics a run logged.
    func metrics(_ run: URL) throws -> MetricsHistory {
        try MetricsHistory(contentsOf: run.appendingPathComponent("metrics.jsonl"))
    }

    /// The last value of `key` the run logged (after its last epoch, or its last step under `--steps`); throws when
    /// it is missing or not finite.
    func lastValue(_ key: String, in run: URL) throws -> Double {
        guard let value = try metrics(run).series[key]?.last?.value, value.isFinite else {
            throw CommandFailure("\(run.path)/metrics.jsonl has no finite last \(key)")
        }
        return value
    }

    /// The value of `key` the run logged in `epoch`; throws when there is none.
    func value(_ key: String, epoch: Int, in run: URL) throws -> Double {
        guard let value = try metrics(run).series[key]?.value(atEpoch: epoch), value.isFinite else {
            throw CommandFailure("\(run.path)/metrics.jsonl has no finite \(key) for epoch \(epoch)")
        }
        return value
    }
}

extension ReproductionResult.Check {
    /// A check that `value` is at most `target`.
    static func atMost(_ metric: String, _ value: Double, _ target: Double) -> Self {
        Self(metric: metric, value: value, target: target, comparison: "<=", passed: value <= target)
    }

    /// A check that `value` is at least `target`.
    static func atLeast(_ metric: String, _ value: Double, _ target: Double) -> Self {
        Self(metric: metric, value: value, target: target, comparison: ">=", passed: value >= target)
    }
}

extension ReproductionResult {
    /// The result whose headline is `main`, with `others` that must pass too.
    /// `figures` are reported beside the checks, with no target.
    init(name: String, main: Check, others: [Check] = [], figures: [String: Double] = [:], source: String, seconds: Double,
         runs: [URL]) {
        self.init(name: name, metric: main.metric, value: main.value, target: main.target, comparison: main.comparison,
                  source: source, passed: main.passed && others.allSatisfy(\.passed), seconds: seconds, checks: others,
                  runs: runs.map(\.path), figures: figures)
    }
}
