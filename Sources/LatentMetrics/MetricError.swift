/// Why a metric could not be computed: the inputs do not fit the metric, or its mathematics failed.
public enum MetricError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two feature sets (or statistics) have different feature dimensions.
    case dimensionMismatch(metric: String, first: Int, second: Int)
    /// A sample set is too small for the metric: `count` given, at least `required` needed.
    case tooFewSamples(metric: String, count: Int, required: Int, reason: String)
    /// An eigenvalue that should be non-negative is negative beyond rounding: the covariances are not
    /// positive semi-definite (pytorch-fid reports the same failure as an "imaginary component").
    case negativeEigenvalue(metric: String, value: Double, tolerance: Double)
    /// An input value or argument is not acceptable; the text says which and what was expected.
    case invalidInput(metric: String, problem: String)
    /// A statistics file could not be read or does not hold valid statistics.
    case invalidStatisticsFile(path: String, problem: String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let metric, let first, let second):
            "\(metric): feature dimensions differ (\(first) and \(second))"
        case .tooFewSamples(let metric, let count, let required, let reason):
            "\(metric): \(count) samples, at least \(required) needed (\(reason))"
        case .negativeEigenvalue(let metric, let value, let tolerance):
            "\(metric): eigenvalue \(value) is below −\(tolerance); the covariance matrices are not positive semi-definite"
        case .invalidInput(let metric, let problem):
            "\(metric): \(problem)"
        case .invalidStatisticsFile(let path, let problem):
            "\(path): \(problem)"
        }
    }
}
