import Foundation
import LatentMetrics
import LatentNN
import Testing

// The linear probe against scikit-learn's StandardScaler + LogisticRegression (Scripts/make_probe_fixtures.py),
// on separable and on random features, and its refusals.

struct LinearProbeTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let C: Double
            let coef, intercept, test_probabilities: [Double]
            let test_predictions: [Int]
        }
        let train, test: [[Double]]
        let labels: [Int]
        let cases: [Case]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "probe", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    @Test(arguments: [0, 1]) func matchesScikitLearnsLogisticRegression(caseIndex: Int) throws {
        let fixture = Self.fixture
        let reference = fixture.cases[caseIndex]
        let classifier = try SoftmaxClassifier(
            fitting: matrixTensor(fixture.train), labels: fixture.labels, classCount: 3, inverseRegularization: reference.C)
        #expect(allClose(classifier.weights, reference.coef, relative: 1e-5, absolute: 1e-7), "\(classifier.weights) vs \(reference.coef)")
        #expect(allClose(classifier.biases, reference.intercept, relative: 1e-5, absolute: 1e-7))
        let probabilities = try classifier.probabilities(matrixTensor(fixture.test))
        #expect(allClose(probabilities, reference.test_probabilities, relative: 1e-5, absolute: 1e-9))
        #expect(try classifier.predict(matrixTensor(fixture.test)) == reference.test_predictions)
    }

    @Test func separatesSeparableClassesAndStaysAtChanceOnRandomFeatures() throws {
        var random = RandomGenerator(seed: 9)
        let labels = (0..<400).map { $0 % 4 }
        let noise = Tensor.randn([400, 6], generator: &random)
        // Class k's points sit around 8 · e_k: linearly separable.
        let separable = Tensor((0..<400 * 6).map { index in
            noise.values[index] + (index % 6 == labels[index / 6] ? 8 : 0)
        }, shape: [400, 6])
        let training = separable.slice(axis: 0, range: 0..<200)
        let classifier = try SoftmaxClassifier(fitting: training, labels: Array(labels[..<200]), classCount: 4)
        #expect(try classifier.predict(separable.slice(axis: 0, range: 200..<400)) == Array(labels[200...]))

        let randomLabels = (0..<2000).map { _ in random.nextInt(below: 4) }
        let features = Tensor.randn([2000, 6], generator: &random)
        let chance = try SoftmaxClassifier(
            fitting: features.slice(axis: 0, range: 0..<1000), labels: Array(randomLabels[..<1000]), classCount: 4)
        let predicted = try chance.predict(features.slice(axis: 0, range: 1000..<2000))
        let accuracy = Double(zip(predicted, randomLabels[1000...]).filter { $0 == $1 }.count) / 1000
        #expect(abs(accuracy - 0.25) < 0.06, "accuracy \(accuracy) on random features")
    }

    @Test func refusesInputsItCannotFit() {
        let features = Tensor([0, 1, 2, 3, 4, 5], shape: [3, 2])
        #expect(throws: MetricError.self) { try SoftmaxClassifier(fitting: features, labels: [0, 1], classCount: 2) }
        #expect(throws: MetricError.self) { try SoftmaxClassifier(fitting: features, labels: [0, 1, 2], classCount: 2) }
        #expect(throws: MetricError.self) { try SoftmaxClassifier(fitting: features, labels: [0, 0, 0], classCount: 2) }
        #expect(throws: MetricError.self) { try SoftmaxClassifier(fitting: features, labels: [0, 1, 1], classCount: 2, inverseRegularization: 0) }
        let withNaN = Tensor([0, .nan, 2, 3, 4, 5], shape: [3, 2])
        #expect(throws: MetricError.self) { try SoftmaxClassifier(fitting: withNaN, labels: [0, 1, 1], classCount: 2) }
        let classifier = try! SoftmaxClassifier(fitting: features, labels: [0, 1, 1], classCount: 2)
        #expect(throws: MetricError.self) { try classifier.predict(Tensor([1, 2, 3], shape: [1, 3])) }
    }
}
