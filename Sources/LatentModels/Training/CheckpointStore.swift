import Foundation
import LatentNN

/// The checkpoints of a run: one `step-NNNNNNNN` directory per saved step and `latest`, a link to the
/// newest complete one, switched atomically only after a checkpoint is completely written.
public struct CheckpointStore: Sendable {
    /// The folder holding the checkpoints (`RUN/checkpoints`).
    public let directory: URL
    /// How many step checkpoints are kept; older ones are deleted after each save.
    public let keep: Int

    public init(directory: URL, keep: Int) {
        precondition(keep >= 1, "CheckpointStore: keep must be at least 1, got \(keep)")
        self.directory = directory
        self.keep = keep
    }

    /// `RUN/checkpoints/latest`, the newest complete checkpoint.
    public var latest: URL { directory.appendingPathComponent("latest") }

    /// The directory of the checkpoint of step `step`.
    public func url(step: Int) -> URL {
        let digits = String(step)
        return directory.appendingPathComponent("step-" + String(repeating: "0", count: Swift.max(0, 8 - digits.count)) + digits)
    }

    /// The steps of the checkpoint directories present, ascending.
    public func savedSteps() throws -> [Int] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .compactMap { $0.hasPrefix("step-") ? Int($0.dropFirst(5)) : nil }.sorted()
    }

    /// Whether the folder holds no checkpoint: no `step-N` directory and no `latest`.
    public func isEmpty() throws -> Bool {
        try savedSteps().isEmpty && !Self.exists(latest)
    }

    /// The step that `latest` points to, or nil when there is no `latest` link (no checkpoint yet, or a copy
    /// that dropped links). Throws when `latest` is something other than a link to a `step-N` directory.
    public func latestStep() throws -> Int? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latest.path) else {
            guard !Self.exists(latest) else {
                throw TrainingError.runDirectory(
                    path: latest.path, problem: "is not a symbolic link to a step-N checkpoint; move it away and resume again")
            }
            return nil
        }
        guard target.hasPrefix("step-"), let step = Int(target.dropFirst(5)) else {
            throw TrainingError.runDirectory(path: latest.path, problem: "points to \(target), not a step-N checkpoint")
        }
        return step
    }

    /// Writes `checkpoint` to its step directory, points `latest` at it, and deletes old checkpoints; throws, writing
    /// nothing, when `latest` is something other than a link.
    public func save(_ checkpoint: Checkpoint, parts: [String: Checkpoint.Part]) throws {
        _ = try latestStep()
        let target = url(step: checkpoint.step)
        try? FileManager.default.removeItem(at: target)
        try checkpoint.save(to: target, parts: parts)
        try link(step: checkpoint.step)
        try prune(keepingUpTo: checkpoint.step)
    }

    /// Points `latest` at the checkpoint of `step`, atomically: a new link beside it renamed over it.
    func link(step: Int) throws {
        let link = directory.appendingPathComponent("latest.tmp")
        try? FileManager.default.removeItem(at: link)
        do {
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: url(step: step).lastPathComponent)
        } catch {
            throw TrainingError.runDirectory(path: link.path, problem: "cannot be created: \(error.localizedDescription)")
        }
        guard rename(link.path, latest.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: link)
            throw TrainingError.runDirectory(path: latest.path, problem: "cannot be replaced: \(reason)")
        }
    }

    /// `RUN/checkpoints/best`: a copy of the checkpoint with the best evaluation so far, with `best.json`
    /// naming the metric, its value and the step.
    public var best: URL { directory.appendingPathComponent("best") }

    /// The metric and value of the best checkpoint, or nil when there is none yet.
    public func bestRecord() throws -> BestCheckpoint? {
        let url = best.appendingPathComponent(BestCheckpoint.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(BestCheckpoint.self, from: Data(contentsOf: url))
        } catch {
            throw TrainingError.runDirectory(path: url.path, problem: "is not a best-checkpoint record: \(error)")
        }
    }

    /// Copies the checkpoint `latest` points to into `best`, recording `record`: the copy is written
    /// beside `best` and renamed into place, so that a complete best checkpoint exists at every moment.
    public func saveBest(_ record: BestCheckpoint) throws {
        let manager = FileManager.default
        guard let step = try latestStep() else { return }
        let staging = directory.appendingPathComponent("best.tmp"), previous = directory.appendingPathComponent("best.old")
        try? manager.removeItem(at: staging)
        try? manager.removeItem(at: previous)
        try manager.copyItem(at: url(step: step), to: staging)
        try AtomicFile.write(try JSONEncoder().encode(record), to: staging.appendingPathComponent(BestCheckpoint.fileName))
        if manager.fileExists(atPath: best.path) { try manager.moveItem(at: best, to: previous) }
        try manager.moveItem(at: staging, to: best)
        try? manager.removeItem(at: previous)
    }

    /// Restores `parts` from `latest`, or when the `latest` link is missing, from the newest `step-N` checkpoint
    /// whose files match its manifest; returns nil, changing nothing, when there is no checkpoint at all. Throws,
    /// changing nothing, when there are `step-N` directories but none is complete.
    public func loadLatest(parts: [String: Checkpoint.Part]) throws -> Checkpoint? {
        if try latestStep() != nil { return try Checkpoint.load(from: latest, parts: parts) }
        var problems: [String] = []
        for step in try savedSteps().reversed() {
            do {
                return try Checkpoint.load(from: url(step: step), parts: parts)
            } catch {
                problems.append(String(describing: error))
            }
        }
        guard problems.isEmpty else {
            throw TrainingError.runDirectory(
                path: latest.path, problem: "is missing, and no step-N checkpoint beside it is complete: " + problems.joined(separator: "; "))
        }
        return nil
    }

    /// Whether anything (a file, a folder, a link, even a dangling one) is at `url`.
    private static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// Deletes checkpoints after `step` (left by an interrupted run) and all but the newest `keep`.
    func prune(keepingUpTo step: Int) throws {
        let steps = try savedSteps()
        let kept = steps.filter { $0 <= step }.suffix(keep)
        for old in steps where !kept.contains(old) {
            try FileManager.default.removeItem(at: url(step: old))
        }
    }
}

/// Which evaluation made a checkpoint the best one: `RUN/checkpoints/best/best.json`.
public struct BestCheckpoint: Codable, Sendable, Equatable {
    /// The metric compared, such as `val_loss` or `eval_fid` (lower is better).
    public let metric: String
    /// Its value at `step`.
    public let value: Float
    /// The optimizer step of the checkpoint.
    public let step: Int

    public init(metric: String, value: Float, step: Int) {
        self.metric = metric
        self.value = value
        self.step = step
    }

    static let fileName = "best.json"
}
