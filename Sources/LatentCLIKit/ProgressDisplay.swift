import Foundation
import LatentModels

/// Training progress on standard output: on a terminal a bar redrawn in place at most ten times a second
/// (epoch, step of total, losses, images per second, time left); otherwise a plain line every
/// `lineInterval` seconds and after the last step.
final class ProgressDisplay {
    /// Seconds between plain lines when the output is not a terminal.
    static let lineInterval: Double = 10
    /// Seconds between redraws of the bar.
    static let redrawInterval: Double = 0.1

    private let totalSteps: Int
    private let totalEpochs: Int
    private let batchSize: Int
    private let firstStep: Int
    private let isTerminal: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastShown: UInt64?
    private var barShown = false

    /// Progress of a run of `totalSteps` steps in `totalEpochs` epochs of batches of `batchSize`, resumed
    /// after `completedSteps`.
    init(totalSteps: Int, totalEpochs: Int, batchSize: Int, completedSteps: Int, isTerminal: Bool = Console.outputIsTerminal) {
        self.totalSteps = totalSteps
        self.totalEpochs = totalEpochs
        self.batchSize = batchSize
        self.firstStep = completedSteps
        self.isTerminal = isTerminal
    }

    /// Shows `record` when it is time to.
    func update(_ record: StepRecord) {
        let now = DispatchTime.now().uptimeNanoseconds
        let interval = isTerminal ? Self.redrawInterval : Self.lineInterval
        let last = record.step == totalSteps
        if let lastShown, !last, Double(now - lastShown) / 1e9 < interval { return }
        lastShown = now
        let seconds = Double(now - start) / 1e9
        if isTerminal {
            let width = Console.terminalWidth - 1
            let text = line(record, seconds: seconds, bar: true)
            Console.outRaw("\r\u{1B}[K" + String((text.count <= width ? text : line(record, seconds: seconds, bar: false)).prefix(width)))
            barShown = true
        } else {
            Console.out(line(record, seconds: seconds, bar: false))
        }
    }

    /// Prints `text` on a line of its own (below the bar, which the next update redraws).
    func note(_ text: String) {
        finish()
        Console.out(text)
    }

    /// Ends the bar's line, so that what follows starts on a new one.
    func finish() {
        if barShown { Console.outRaw("\n") }
        barShown = false
    }

    /// `epoch 2/5 [█████░░░░░] step 1200/4685 loss_d 0.652 loss_g 0.912 | 1450 img/s | ETA 2m31s`, the bar
    /// only with `bar`.
    func line(_ record: StepRecord, seconds: Double, bar: Bool) -> String {
        let done = record.step - firstStep
        let rate = seconds > 0 ? Double(done * batchSize) / seconds : 0
        let remaining = done > 0 ? seconds / Double(done) * Double(totalSteps - record.step) : nil
        let losses = record.losses.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.format($0.value))" }.joined(separator: " ")
        var parts = ["epoch \(record.epoch)/\(totalEpochs)"]
        if bar { parts.append(Self.bar(Double(record.step) / Double(Swift.max(totalSteps, 1)))) }
        parts += ["step \(record.step)/\(totalSteps)", losses, "| \(Int(rate.rounded())) img/s", "| ETA \(remaining.map(Self.duration) ?? "-")"]
        return parts.joined(separator: " ")
    }

    /// A bar of 16 cells, filled in proportion to `fraction`.
    static func bar(_ fraction: Double) -> String {
        let filled = Swift.min(16, Swift.max(0, Int(fraction * 16)))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: 16 - filled) + "]"
    }

    /// `seconds` as `1h02m`, `2m31s` or `45s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours > 0 { return "\(hours)h" + (minutes < 10 ? "0" : "") + "\(minutes)m" }
        if minutes > 0 { return "\(minutes)m" + (rest < 10 ? "0" : "") + "\(rest)s" }
        return "\(rest)s"
    }

    /// A loss with three significant digits.
    static func format(_ value: Float) -> String {
        String(format: "%.3g", Double(value))
    }
}
