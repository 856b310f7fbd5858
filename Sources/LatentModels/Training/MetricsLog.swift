import Foundation

/// `metrics.jsonl`: one JSON object per line, appended and written through to the file at once.
final class MetricsLog {
    private let handle: FileHandle

    /// Opens `url` for appending, first dropping the records after step `keepingUpTo` (those of an
    /// interrupted run after its last checkpoint), or every record when it is nil.
    init(url: URL, keepingUpTo step: Int?) throws {
        let manager = FileManager.default
        if let step, let data = manager.contents(atPath: url.path) {
            let kept = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let recorded = object["step"] as? Int else { return false }
                return recorded <= step
            }
            try Data(kept.map { $0 + "\n" }.joined().utf8).write(to: url, options: .atomic)
        } else {
            guard manager.createFile(atPath: url.path, contents: nil) else {
                throw TrainingError.runDirectory(path: url.path, problem: "cannot create the metrics file")
            }
        }
        do {
            handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
        } catch {
            throw TrainingError.runDirectory(path: url.path, problem: "cannot open the metrics file: \(error.localizedDescription)")
        }
    }

    deinit {
        try? handle.close()
    }

    /// Appends one record: integer fields first, in the order given, then number fields (non-finite
    /// values as `null`).
    func append(integers: [(String, Int)], numbers: [(String, Float)]) throws {
        var fields = integers.map { "\"\($0.0)\":\($0.1)" }
        fields += numbers.map { "\"\($0.0)\":\($0.1.isFinite ? "\($0.1)" : "null")" }
        try handle.write(contentsOf: Data(("{" + fields.joined(separator: ",") + "}\n").utf8))
    }
}
