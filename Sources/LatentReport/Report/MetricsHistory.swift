import Foundation

/// The numbers in a run's `metrics.jsonl`, gathered into one series per key.
///
/// A line that is not a JSON object is left out and counted: the last line of a run that was killed while
/// writing it is usually cut short. `null` values (not finite when logged) are kept as NaN.
public struct MetricsHistory: Sendable {
    /// The values logged under one key, with the step and epoch of each line that holds it.
    public struct Series: Sendable {
        public internal(set) var steps: [Double] = []
        /// The line's epoch, or NaN when the line has none.
        public internal(set) var epochs: [Double] = []
        public internal(set) var values: [Double] = []

        mutating func append(step: Double, epoch: Double, value: Double) {
            steps.append(step)
            epochs.append(epoch)
            values.append(value)
        }

        /// The value logged in epoch `epoch` (the last one, when several lines of that epoch hold the key).
        public func value(atEpoch epoch: Int) -> Double? {
            epochs.lastIndex(of: Double(epoch)).map { values[$0] }
        }

        /// The last finite value, with its step and epoch.
        public var last: (step: Double, epoch: Double, value: Double)? {
            guard let index = values.lastIndex(where: \.isFinite) else { return nil }
            return (steps[index], epochs[index], values[index])
        }
    }

    /// The series of each key other than `step`, `epoch` and `event`.
    public private(set) var series: [String: Series] = [:]
    /// The keys of `series` in the order they first appear in the file.
    public private(set) var keys: [String] = []
    /// The steps at which the run was resumed (lines with `"event": "resumed"`).
    private(set) var resumedAtSteps: [Double] = []
    /// How many lines were read as records.
    private(set) var records = 0
    /// The 1-based numbers of the lines that are not JSON objects (blank lines are not counted).
    private(set) var unreadableLines: [Int] = []
    /// The number of the last line that is not blank (0 for an empty file).
    private(set) var lastLine = 0
    /// The highest step of any record (0 when there are none).
    private(set) var lastStep = 0.0
    /// The highest epoch of any record (0 when there are none).
    private(set) var lastEpoch = 0.0

    /// The history of the `metrics.jsonl` text in `data`.
    public init(data: Data) {
        data.withUnsafeBytes { bytes in
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                lineNumber += 1
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
                lastLine = lineNumber
                if let fields = MetricsLine.fields(line) {
                    add(fields)
                } else {
                    unreadableLines.append(lineNumber)
                }
            }
        }
    }

    /// The history of the file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        self.init(data: data)
    }

    /// Whether the only line that could not be read is the last one, as when a run is killed while writing it.
    var lastLineCutShort: Bool {
        unreadableLines == [lastLine]
    }

    /// The series of `key`, empty when no line holds it.
    subscript(key: String) -> Series {
        series[key] ?? Series()
    }

    private mutating func add(_ fields: [(key: String, value: MetricsLine.Value)]) {
        records += 1
        var step = lastStep, epoch = Double.nan, resumed = false
        for field in fields {
            switch (field.key, field.value) {
            case ("step", .number(let value)): step = value
            case ("epoch", .number(let value)): epoch = value
            case ("event", .string(let value)): resumed = value == "resumed"
            default: continue
            }
        }
        if step.isFinite { lastStep = Swift.max(lastStep, step) }
        if epoch.isFinite { lastEpoch = Swift.max(lastEpoch, epoch) }
        if resumed { resumedAtSteps.append(step) }
        for (key, value) in fields where key != "step" && key != "epoch" && key != "event" {
            let number: Double
            switch value {
            case .number(let value): number = value
            case .null: number = .nan
            case .string, .boolean: continue
            }
            if series[key] == nil { keys.append(key) }
            series[key, default: Series()].append(step: step, epoch: epoch, value: number)
        }
    }
}
