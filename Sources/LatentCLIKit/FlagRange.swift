import ArgumentParser
import LatentTensor

/// The ranges the numeric flags accept (docs/cli.md, "Limits of flag values"), checked before any work starts.
enum FlagRange {
    /// Throws a `ValidationError` naming `flag` and `value` unless `value` lies in `range`.
    static func check(_ value: Int, _ flag: String, in range: ClosedRange<Int>) throws {
        if value < range.lowerBound { throw ValidationError("\(flag) must be at least \(range.lowerBound), got \(value)") }
        if value > range.upperBound { throw ValidationError("\(flag) must be at most \(range.upperBound), got \(value)") }
    }

    /// Checks `--threads` when given: 1 to `Threads.maximum`.
    static func checkThreads(_ threads: Int?) throws {
        if let threads { try check(threads, "--threads", in: 1...Threads.maximum) }
    }

    /// Throws a `ValidationError` naming both flags unless `first × second` is at most `limit`; the product is
    /// computed with overflow checked.
    static func checkProduct(_ first: (flag: String, value: Int), _ second: (flag: String, value: Int), atMost limit: Int) throws {
        let (product, overflow) = first.value.multipliedReportingOverflow(by: second.value)
        guard overflow || product > limit else { return }
        throw ValidationError("\(first.flag) \(first.value) × \(second.flag) \(second.value) must be at most \(limit)")
    }
}
