import Foundation

/// What a run's `run.json` says about it; every field is optional, as an older or unfinished run may lack it.
struct RunInfo {
    var model: String?
    var dataset: String?
    /// `running`, `finished`, `stopped` or `failed`.
    var status: String?
    /// ISO 8601 times, as written.
    var started: String?
    var finished: String?
    /// Seconds spent training.
    var seconds: Double?
    var steps: Int?
    var epochs: Int?
    /// Why the run stopped or failed.
    var message: String?

    /// The fields of the JSON object in `data`; `file` names it in errors.
    init(data: Data, file: String) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ReportError(file: file, "not a JSON object (expected {\"model\": .., \"status\": .., ...})")
        }
        model = object["model"] as? String
        dataset = object["dataset"] as? String
        status = object["status"] as? String
        started = object["started"] as? String
        finished = object["finished"] as? String
        seconds = (object["seconds"] as? NSNumber)?.doubleValue
        steps = (object["steps"] as? NSNumber)?.intValue
        epochs = (object["epochs"] as? NSNumber)?.intValue
        message = object["message"] as? String
    }
}
