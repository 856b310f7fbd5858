import LatentNN

/// Checks that `features` is a `[count, dimension]` tensor of finite values with at least
/// `minimumCount` rows, for `metric`'s error messages.
func checkFeatures(_ features: Tensor, name: String, metric: String, minimumCount: Int, reason: String) throws {
    guard features.rank == 2, features.shape[1] >= 1 else {
        throw MetricError.invalidInput(metric: metric, problem: "\(name) features have shape \(features.shape), expected [count, dimension]")
    }
    guard features.shape[0] >= minimumCount else {
        throw MetricError.tooFewSamples(metric: metric, count: features.shape[0], required: minimumCount, reason: reason)
    }
    guard features.withValues({ $0.allSatisfy(\.isFinite) }) else {
        throw MetricError.invalidInput(metric: metric, problem: "\(name) features hold a value that is not finite")
    }
}

/// Checks that two feature tensors (already checked alone) have the same dimension.
func checkSameDimension(_ a: Tensor, _ b: Tensor, metric: String) throws {
    guard a.shape[1] == b.shape[1] else {
        throw MetricError.dimensionMismatch(metric: metric, first: a.shape[1], second: b.shape[1])
    }
}

/// The rows `rows` of a row-major Float32 matrix with `dimension` columns, as Float64.
func doubleRows(_ values: UnsafeBufferPointer<Float>, dimension: Int, rows: some Sequence<Int>) -> [Double] {
    var result: [Double] = []
    for row in rows {
        for column in 0..<dimension { result.append(Double(values[row * dimension + column])) }
    }
    return result
}
