import Foundation

/// `metrics.jsonl`: one JSON object per line, appended and written through to the file at once.
final class MetricsLog {
    private let handle: FileHandle
    private let url: URL

    /// Opens `url` for appending; with `create`, first makes it empty.
    init(url: URL, create: Bool) throws {
        self.url = url
        if create || !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
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

    /// Removes the records after step `step` (those an interrupted run logged after its last
    /// checkpoint), and lines that are not records (one cut short by a crash).
    func dropRecords(after step: Int) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TrainingError.runDirectory(path: url.path, problem: "cannot read the metrics file: \(error.localizedDescription)")
        }
        let kept = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let recorded = object["step"] as? Int else { return false }
            return recorded <= step
        }
        let text = Data(kept.map { $0 + "\n" }.joined().utf8)
        guard text.count != data.count else { return }
        do {
            try handle.truncate(atOffset: 0)
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: text)
        } catch {
            throw TrainingError.runDirectory(path: url.path, problem: "cannot rewrite the metrics file: \(error.localizedDescription)")
        }
    }

    deinit {
        try? handle.close()
    }

    /// Appends an event line, `{"step":N,"event":"NAME"}` (such as `resumed`), which `dropRecords` keeps
    /// like a step record.
    func append(event name: String, step: Int) throws {
        try handle.write(contentsOf: Data("{\"step\":\(step),\"event\":\"\(name)\"}\n".utf8))
    }

    /// Appends one record: integer fields first, in the order given, then number fields (non-finite
    /// values as `null`).
    func append(integers: [(String, Int)], numbers: [(String, Float)]) throws {
        var fields = integers.map { "\"\($0.0)\":\($0.1)" }
        fields += numbers.map { "\"\($0.0)\":\($0.1.isFinite ? "\($0.1)" : "null")" }
        try handle.write(contentsOf: Data(("{" + fields.joined(separator: ",") + "}\n").utf8))
    }
}
