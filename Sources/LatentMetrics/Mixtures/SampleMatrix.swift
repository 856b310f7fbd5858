import Foundation
import LatentNN

/// The rows of a feature tensor `[count, dimension]` in Float64, row-major.
struct SampleMatrix {
    let values: [Double]
    let count: Int, dimension: Int

    /// Checks `features` (rank 2, at least `minimumCount` rows, finite) and converts it.
    init(_ features: Tensor, metric: String, minimumCount: Int, reason: String) throws {
        try checkFeatures(features, name: "input", metric: metric, minimumCount: minimumCount, reason: reason)
        count = features.shape[0]
        dimension = features.shape[1]
        values = features.withValues { $0.map(Double.init) }
    }

    /// The mean of each column.
    var columnMeans: [Double] {
        var means = [Double](repeating: 0, count: dimension)
        for row in 0..<count { for column in 0..<dimension { means[column] += values[row * dimension + column] } }
        return means.map { $0 / Double(count) }
    }

    /// The rows minus `mean`.
    func centred(by mean: [Double]) -> [Double] {
        var result = values
        for row in 0..<count { for column in 0..<dimension { result[row * dimension + column] -= mean[column] } }
        return result
    }
}

/// A standard normal Float64 draw (Box–Muller) from `generator`.
func standardNormal(_ generator: inout RandomGenerator) -> Double {
    let u1 = (Double(generator.nextUInt64() >> 11) + 1) * 0x1p-53, u2 = Double(generator.nextUInt64() >> 11) * 0x1p-53
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}

/// log Σ exp(values), computed without overflow.
func logSumExp(_ values: ArraySlice<Double>) -> Double {
    guard let largest = values.max(), largest.isFinite else { return values.max() ?? -.infinity }
    return largest + log(values.reduce(0.0) { $0 + exp($1 - largest) })
}
