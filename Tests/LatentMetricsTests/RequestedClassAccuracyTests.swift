import Foundation
import LatentData
import LatentMetrics
import LatentNN
import Testing

// The class accuracy of conditional samples: the share the digit classifier puts in the class asked for.

@Suite struct RequestedClassAccuracyTests {
    @Test func countsTheRowsWhoseLargestProbabilityIsTheLabel() throws {
        let probabilities = Tensor([0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.5, 0.25, 0.25], shape: [4, 3])
        #expect(try requestedClassAccuracy(probabilities: probabilities, labels: [0, 2, 1, 1]) == 0.75)
        #expect(try requestedClassAccuracy(probabilities: probabilities, labels: [1, 1, 0, 2]) == 0)
        #expect(throws: MetricError.self) { try requestedClassAccuracy(probabilities: probabilities, labels: [0, 1]) }
        let error = #expect(throws: MetricError.self) { try requestedClassAccuracy(probabilities: probabilities, labels: [0, 1, 3, 0]) }
        #expect(error?.description.contains("label 3") == true)
    }

    /// Real test digits with their own labels score the classifier's accuracy; shifted labels score about 0.
    @Test func realDigitsScoreTheClassifiersAccuracyWithTheirLabelsAndNothingWithWrongOnes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let test = try MNIST.load(.test, from: root.appendingPathComponent("Data/mnist").path).subset(Array(0..<500))
        let extractor = try DigitFeatureExtractor(.shipped(.mnist))
        let set = try EvaluatedSet(unitImages: test.images(scaling: .zeroToOne), extractor: extractor)
        let probabilities = try #require(set.probabilities)
        let accuracy = try requestedClassAccuracy(probabilities: probabilities, labels: test.labels)
        // The classifier's own accuracy reads the images scaled to [−1, 1]; rounding may flip one close call.
        let classifierAccuracy = Double(try extractor.classifierAccuracy(test))
        #expect(abs(accuracy - classifierAccuracy) <= 1.0 / 500, "\(accuracy) against the classifier's \(classifierAccuracy)")
        #expect(accuracy >= 0.97, "accuracy \(accuracy) on 500 test digits")
        let shifted = try requestedClassAccuracy(probabilities: probabilities, labels: test.labels.map { ($0 + 1) % 10 })
        #expect(shifted <= 0.02, "shifted labels: \(shifted)")
    }
}
