import Foundation
import LatentNN

/// A linear softmax classifier on standardized features: the linear probe of a representation.
///
/// Fitting minimizes Σᵢ −log softmax(W·x̂ᵢ + b)[yᵢ] + ‖W‖² / (2C) over W and b (b unpenalized), where x̂
/// is x standardized by the training features' mean and standard deviation (features that do not vary
/// keep scale 1), with L-BFGS: scikit-learn's `StandardScaler` then `LogisticRegression(C=C)`.
public struct SoftmaxClassifier: Sendable {
    /// How many classes it tells apart.
    public let classCount: Int
    /// The feature dimension.
    public let dimension: Int
    /// The weights, row-major `classCount × dimension`, on standardized features.
    public let weights: [Double]
    /// One bias per class.
    public let biases: [Double]
    /// The training features' mean, per feature.
    public let mean: [Double]
    /// The training features' standard deviation (1 where it is 0), per feature.
    public let scale: [Double]
    /// The L-BFGS iterations the fit took.
    public let iterations: Int

    /// The classifier fitted to `features` `[N, D]` and their `labels` in `0..<classCount`, with inverse
    /// regularization strength `C`. Throws when the inputs do not fit: non-finite features, a label out of
    /// range, a class without examples, C not positive.
    public init(
        fitting features: Tensor, labels: [Int], classCount: Int, inverseRegularization C: Double = 1,
        maxIterations: Int = 1000
    ) throws {
        let metric = "linear probe"
        try checkFeatures(features, name: "training", metric: metric, minimumCount: 2, reason: "a classifier needs examples")
        guard labels.count == features.shape[0] else {
            throw MetricError.invalidInput(metric: metric, problem: "\(labels.count) labels for \(features.shape[0]) feature rows")
        }
        guard classCount >= 2, labels.allSatisfy({ (0..<classCount).contains($0) }) else {
            throw MetricError.invalidInput(metric: metric, problem: "labels must lie in 0..<\(classCount) with at least 2 classes")
        }
        guard Set(labels).count == classCount else {
            throw MetricError.invalidInput(metric: metric, problem: "classes \(Set(0..<classCount).subtracting(labels).sorted()) have no example")
        }
        guard C > 0, C.isFinite, maxIterations >= 1 else {
            throw MetricError.invalidInput(metric: metric, problem: "C \(C) must be positive and max iterations \(maxIterations) at least 1")
        }
        let (count, dimension) = (features.shape[0], features.shape[1])
        let raw = features.withValues { doubleRows($0, dimension: dimension, rows: 0..<count) }
        var mean = [Double](repeating: 0, count: dimension)
        var variance = [Double](repeating: 0, count: dimension)
        for row in 0..<count { for column in 0..<dimension { mean[column] += raw[row * dimension + column] } }
        mean = mean.map { $0 / Double(count) }
        for row in 0..<count {
            for column in 0..<dimension { variance[column] += pow(raw[row * dimension + column] - mean[column], 2) }
        }
        let scale = variance.map { $0 > 0 ? ($0 / Double(count)).squareRoot() : 1 }
        let standardized = raw.indices.map { (raw[$0] - mean[$0 % dimension]) / scale[$0 % dimension] }
        let objective = SoftmaxObjective(
            features: standardized, labels: labels, dimension: dimension, classCount: classCount, penalty: 1 / C)
        let solver = LBFGS(maxIterations: maxIterations)
        let (point, iterations) = solver.minimize(from: [Double](repeating: 0, count: classCount * (dimension + 1)), objective.callAsFunction)
        self.classCount = classCount
        self.dimension = dimension
        weights = Array(point[0..<(classCount * dimension)])
        biases = Array(point[(classCount * dimension)...])
        self.mean = mean
        self.scale = scale
        self.iterations = iterations
    }

    /// The class probabilities of each row of `features` `[N, D]`, row-major `N × classCount`.
    public func probabilities(_ features: Tensor) throws -> [Double] {
        try checkFeatures(features, name: "probed", metric: "linear probe", minimumCount: 1, reason: "nothing to classify")
        guard features.shape[1] == dimension else {
            throw MetricError.dimensionMismatch(metric: "linear probe", first: dimension, second: features.shape[1])
        }
        let count = features.shape[0]
        let raw = features.withValues { doubleRows($0, dimension: dimension, rows: 0..<count) }
        var result: [Double] = []
        result.reserveCapacity(count * classCount)
        weights.withUnsafeBufferPointer { w in
            for row in 0..<count {
                let x = (0..<dimension).map { (raw[row * dimension + $0] - mean[$0]) / scale[$0] }
                let logits = (0..<classCount).map { k in
                    var sum = biases[k]
                    for j in 0..<dimension { sum += w[k * dimension + j] * x[j] }
                    return sum
                }
                result += softmax(logits)
            }
        }
        return result
    }

    /// The most probable class of each row of `features` `[N, D]`.
    public func predict(_ features: Tensor) throws -> [Int] {
        let probabilities = try probabilities(features)
        return (0..<features.shape[0]).map { row in
            let p = probabilities[(row * classCount)..<((row + 1) * classCount)]
            return p.indices.max { p[$0] < p[$1] }! - row * classCount
        }
    }
}

/// The probabilities of `logits`, computed from their maximum so that large logits do not overflow.
func softmax(_ logits: [Double]) -> [Double] {
    let top = logits.max() ?? 0
    let exponentials = logits.map { exp($0 - top) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// The summed cross-entropy of a linear softmax model plus the L2 penalty of its weights, and its
/// gradient, at parameters laid out as the weights (row-major, classes × dimension) then the biases.
private struct SoftmaxObjective {
    let features: [Double]
    let labels: [Int]
    let dimension: Int
    let classCount: Int
    /// 1/C: the weights' penalty is `penalty` · ‖W‖² / 2.
    let penalty: Double

    func callAsFunction(_ parameters: [Double]) -> (value: Double, gradient: [Double]) {
        let weightCount = classCount * dimension
        var value = 0.0
        var gradient = [Double](repeating: 0, count: parameters.count)
        for k in 0..<weightCount {
            value += penalty * parameters[k] * parameters[k] / 2
            gradient[k] = penalty * parameters[k]
        }
        var logits = [Double](repeating: 0, count: classCount)
        parameters.withUnsafeBufferPointer { w in
            features.withUnsafeBufferPointer { x in
                gradient.withUnsafeMutableBufferPointer { g in
                    for (row, label) in labels.enumerated() {
                        let offset = row * dimension
                        for k in 0..<classCount {
                            var sum = w[weightCount + k]
                            for j in 0..<dimension { sum += w[k * dimension + j] * x[offset + j] }
                            logits[k] = sum
                        }
                        let top = logits.max()!
                        let logNormalizer = top + log(logits.reduce(0) { $0 + exp($1 - top) })
                        value += logNormalizer - logits[label]
                        for k in 0..<classCount {
                            let error = exp(logits[k] - logNormalizer) - (k == label ? 1 : 0)
                            g[weightCount + k] += error
                            for j in 0..<dimension { g[k * dimension + j] += error * x[offset + j] }
                        }
                    }
                }
            }
        }
        return (value, gradient)
    }
}
