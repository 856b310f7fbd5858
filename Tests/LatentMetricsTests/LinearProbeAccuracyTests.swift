import LatentMetrics
import LatentNN
import Testing

@Suite struct LinearProbeAccuracyTests {
    /// `count` points per class of `classes` in `dimension` dimensions: class c around 4·e_c with noise of
    /// deviation 0.2 (separable with a margin of 14 deviations) when `separable`, pure unit noise otherwise.
    private func points(count: Int, classes: Int, dimension: Int, separable: Bool, seed: UInt64) -> (Tensor, [Int]) {
        var random = RandomGenerator(seed: seed)
        let labels = (0..<(count * classes)).map { $0 % classes }
        let noise = Tensor.randn([count * classes, dimension], generator: &random) * (separable ? 0.2 : 1)
        var means = [Float](repeating: 0, count: count * classes * dimension)
        if separable { for (row, label) in labels.enumerated() { means[row * dimension + label] = 4 } }
        return (noise + Tensor(means, shape: noise.shape), labels)
    }

    @Test func separableClassesAreProbedPerfectlyFromTenLabelsEach() throws {
        let (train, trainLabels) = points(count: 10, classes: 10, dimension: 32, separable: true, seed: 1)
        let (test, testLabels) = points(count: 100, classes: 10, dimension: 32, separable: true, seed: 2)
        let accuracy = try linearProbeAccuracy(train: train, trainLabels: trainLabels, test: test, testLabels: testLabels)
        #expect(accuracy == 1, "\(accuracy)")
    }

    @Test func randomFeaturesAreProbedAtChance() throws {
        let (train, trainLabels) = points(count: 10, classes: 10, dimension: 64, separable: false, seed: 3)
        let (test, testLabels) = points(count: 300, classes: 10, dimension: 64, separable: false, seed: 4)
        let accuracy = try linearProbeAccuracy(train: train, trainLabels: trainLabels, test: test, testLabels: testLabels)
        // Chance is 0.1; 3,000 test points put the binomial deviation at 0.0055.
        #expect(accuracy > 0.07 && accuracy < 0.13, "\(accuracy)")
    }

    @Test func theProbeIsTrainedOnTheTrainingRowsOnly() throws {
        // Training labels that contradict the test labels must give wrong answers: the probe cannot read test labels.
        let (train, trainLabels) = points(count: 10, classes: 2, dimension: 8, separable: true, seed: 5)
        let (test, testLabels) = points(count: 50, classes: 2, dimension: 8, separable: true, seed: 6)
        let swapped = trainLabels.map { 1 - $0 }
        #expect(try linearProbeAccuracy(train: train, trainLabels: swapped, test: test, testLabels: testLabels) == 0)
    }

    @Test func badInputIsRejected() {
        let x = Tensor.zeros([4, 3])
        #expect(throws: MetricError.self) { try linearProbeAccuracy(train: x, trainLabels: [0, 1, 0], test: x, testLabels: [0, 1, 0, 1]) }
        #expect(throws: MetricError.self) { try linearProbeAccuracy(train: x, trainLabels: [0, 1, 0, -1], test: x, testLabels: [0, 1, 0, 1]) }
        #expect(throws: MetricError.self) {
            try linearProbeAccuracy(train: x, trainLabels: [0, 1, 0, 1], test: Tensor.zeros([4, 2]), testLabels: [0, 1, 0, 1])
        }
        #expect(throws: MetricError.self) {
            try linearProbeAccuracy(train: Tensor([.nan, 0, 0, 0, 0, 0], shape: [2, 3]), trainLabels: [0, 1], test: x, testLabels: [0, 1, 0, 1])
        }
    }
}
