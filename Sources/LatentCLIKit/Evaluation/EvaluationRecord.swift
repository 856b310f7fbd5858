import Foundation
import LatentReport

/// Where `latent eval` keeps what it measured of a run.
enum EvaluationRecord {
    /// Appends `values` to the run's metrics at its latest checkpoint's step, and rewrites its report.
    static func append(_ values: [String: Double], to run: TrainedRun) throws {
        let line = "{\"step\":\(run.step),\"epoch\":\(run.epoch),"
            + values.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}\n"
        let url = run.directory.appendingPathComponent("metrics.jsonl")
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        _ = try? RunReport.write(run: run.directory)
    }
}
