import Foundation
import LatentData
import LatentMetrics

extension DigitEvaluation {
    /// The `metrics` of `count` samples of the trained run in `directory`, drawn with `seed` (with
    /// `eval_class_accuracy` for a class-conditional model), and their evaluated set (for class confidence);
    /// throws when the run has no checkpoint.
    func evaluate(run directory: URL, count: Int, seed: UInt64, metrics: [SampleMetric]) throws
        -> (values: [String: Double], set: EvaluatedSet) {
        let run = try TrainedRun(directory: directory)
        return try evaluate(DigitEvaluation.samples(of: run.generator, scaling: run.entry.scaling, count: count, seed: seed),
                            metrics: metrics, labels: DigitEvaluation.requestedLabels(of: run.generator, count: count))
    }

    /// The `metrics` of the first `count` training images against the test split: the figures a generator
    /// that reproduced the training data exactly would get, the floor its own figures are compared with.
    func trainingFloor(count: Int, metrics: [SampleMetric]) throws -> [String: Double] {
        guard let train = try DatasetCatalog().load(dataset, split: .train).images, train.count >= count else {
            throw CommandFailure("the training split of \(dataset) holds fewer than \(count) images")
        }
        return try evaluate(train.subset(Array(0..<count)).images(scaling: .zeroToOne), metrics: metrics).values
    }

    /// How confidently the digit classifier recognises the images of `set`.
    func confidence(_ set: EvaluatedSet, threshold: Double = 0.9) throws -> ClassConfidence {
        guard let probabilities = set.probabilities else { throw CommandFailure("the digit features gave no class probabilities") }
        return try ClassConfidence(probabilities: probabilities, threshold: threshold)
    }
}
