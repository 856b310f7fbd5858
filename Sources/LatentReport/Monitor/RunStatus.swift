import Foundation
import LatentTensor
import LatentData

/// `RUN/run.json`: what a training run is doing or how it ended, for people and for the report.
public struct RunStatus: Codable, Sendable, Equatable {
    /// Where a run stands.
    public enum State: String, Codable, Sendable {
        /// Training, or killed without a chance to say otherwise.
        case running
        /// Every step done.
        case finished
        /// Stopped on request (an interrupt) with a checkpoint to resume from.
        case stopped
        /// Ended by an error, such as a non-finite loss.
        case failed
    }

    /// The model's name.
    public var model: String
    /// The Swift module that defined the model (`LatentModels` for Latent's own, see `ModelEntry.module`);
    /// nil in runs written before it was recorded.
    public var module: String?
    /// The data set's name.
    public var dataset: String
    /// Where the run stands.
    public var status: State
    /// When the run first started, in ISO 8601.
    public var started: String
    /// When the run last ended (finished, stopped or failed), in ISO 8601; nil while running.
    public var finished: String?
    /// Seconds spent training, over every session of the run.
    public var seconds: Double
    /// Optimizer steps completed.
    public var steps: Int
    /// The epoch of the last completed step, counting from 1 (0 before the first step).
    public var epochs: Int
    /// Why the run stopped or failed; nil otherwise.
    public var message: String?
    /// The labelled training images a semi-supervised model learns from (count, seed, which images, their
    /// labels); nil for other models.
    public var labels: LabelBudget?

    /// A status with every field given (a new run: no end time, no time spent, no steps, no message).
    public init(
        model: String, module: String? = nil, dataset: String, status: State, started: String, finished: String? = nil,
        seconds: Double = 0, steps: Int = 0, epochs: Int = 0, message: String? = nil, labels: LabelBudget? = nil
    ) {
        self.model = model
        self.module = module
        self.dataset = dataset
        self.status = status
        self.started = started
        self.finished = finished
        self.seconds = seconds
        self.steps = steps
        self.epochs = epochs
        self.message = message
        self.labels = labels
    }

    /// The file name inside a run directory.
    public static let fileName = "run.json"

    /// Reads `run.json` from the run directory `run`; throws naming the file when it is missing or malformed.
    public static func read(run: URL) throws -> RunStatus {
        let url = run.appendingPathComponent(fileName)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        do {
            return try JSONDecoder().decode(RunStatus.self, from: data)
        } catch {
            throw ReportError(file: url.path, "is not a run status (\(error))")
        }
    }

    /// Writes `run.json` into the run directory `run`, atomically; `module`, `finished` and `message` are
    /// written as `null` when absent.
    public func write(run: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: run.appendingPathComponent(Self.fileName))
    }

    /// The current time in ISO 8601 (UTC, whole seconds).
    public static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Encodes every field, writing `module`, `finished` and `message` as `null` when absent and leaving
    /// `labels` out when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(module, forKey: .module)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(status, forKey: .status)
        try container.encode(started, forKey: .started)
        try container.encode(finished, forKey: .finished)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(steps, forKey: .steps)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(labels, forKey: .labels)
    }
}
