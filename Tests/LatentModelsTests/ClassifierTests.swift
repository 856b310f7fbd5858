import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// MNISTConvNet against PyTorch's MNIST example net (fixture from Scripts/make_classifier_fixtures.py),
// and the Classifier's training step and scores.

/// The fixture's tensors by name.
private func classifierFixture() throws -> SafeTensors {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    return try SafeTensors(contentsOf: directory.appendingPathComponent("classifier-forward.safetensors"))
}

/// A network whose parameter p (state-dict order) with fan-in f holds sin(1.3·i + 0.5·p)/√f at flat
/// index i, as the fixture script sets it.
private func patternedNetwork() -> MNISTConvNet {
    let network = MNISTConvNet()
    let fanIn = ["conv1": 9.0, "conv2": 288.0, "fc1": 9216.0, "fc2": 128.0]
    for (p, (name, tensor)) in network.stateDict().enumerated() {
        let scale = 1 / fanIn[String(name.prefix { $0 != "." })]!.squareRoot()
        let values = (0..<tensor.count).map { Float(sin(1.3 * Double($0) + 0.5 * Double(p)) * scale) }
        tensor.assign(Tensor(values, shape: tensor.shape))
    }
    return network
}

/// The largest absolute difference between two tensors of the same shape.
private func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
    #expect(a.shape == b.shape)
    return zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
}

@Suite struct ClassifierTests {
    @Test func stateDictHasPyTorchNamesAndShapes() {
        let shapes = MNISTConvNet().stateDict().map { ($0.0, $0.1.shape) }
        #expect(shapes.map(\.0) == ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                                    "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
        #expect(shapes.map(\.1) == [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [128, 9216], [128], [10, 128], [10]])
    }

    @Test func featuresAndLogitsHaveTheirShapes() {
        let network = patternedNetwork().eval()
        var generator = RandomGenerator(seed: 5)
        let images = Tensor.uniform([3, 1, 28, 28], low: -1, high: 1, generator: &generator)
        let features = withoutGrad { network.features(images) }
        #expect(features.shape == [3, MNISTConvNet.featureCount])
        #expect(features.values.allSatisfy { $0 >= 0 })
        #expect(withoutGrad { network(images) }.shape == [3, MNISTConvNet.classCount])
    }

    @Test func forwardAndGradientsMatchPyTorch() throws {
        let fixture = try classifierFixture()
        let network = patternedNetwork().eval()
        let images = try fixture.tensor("images")
        let labels = try fixture.tensor("labels").values.map { Int($0) }
        let features = withoutGrad { network.features(images) }
        #expect(maxDifference(features, try fixture.tensor("features")) < 1e-4)
        let (loss, logits, gradients) = valueAndGrad(of: network) { network in
            let logits = network(images)
            return (crossEntropy(logits, labels: labels), logits.detached())
        }
        #expect(maxDifference(logits, try fixture.tensor("logits")) < 1e-5)
        #expect(abs(loss.item - (try fixture.tensor("loss")).item) < 1e-5)
        #expect(maxDifference(gradients["conv1.weight"]!, try fixture.tensor("grad_conv1.weight")) < 1e-5)
        #expect(maxDifference(gradients["fc2.weight"]!, try fixture.tensor("grad_fc2.weight")) < 1e-5)
    }

    @Test func aFewStepsLowerTheLossOnAFixedBatch() throws {
        let entry = try ModelCatalog.entry(named: "classifier")
        #expect(entry.scaling == .minusOneToOne && entry.sampleShape == MNISTConvNet.imageShape)
        let configuration = RunConfiguration(model: "classifier", dataset: "mnist", epochs: 1, batchSize: 8, seed: 1, learningRates: [:])
        let classifier = try #require(try entry.makeModel(configuration) as? Classifier)
        var data = RandomGenerator(seed: 7), noise = RandomGenerator(seed: 8)
        let images = Tensor.uniform([8, 1, 28, 28], low: -1, high: 1, generator: &data)
        let labels = [0, 1, 2, 3, 4, 5, 6, 7]
        let before = classifier.evaluate(images: images, labels: labels)
        for _ in 0..<10 {
            let outcome = classifier.step(real: images, labels: labels, generator: &noise)
            #expect(outcome.losses["loss"]!.isFinite)
            #expect((0...1).contains(outcome.measurements["train_accuracy"]!))
        }
        let after = classifier.evaluate(images: images, labels: labels, batchSize: 3)
        #expect(after.loss < before.loss * 0.5, "loss \(before.loss) → \(after.loss)")
        #expect(after.accuracy >= 0.75)
        #expect(classifier.model.training, "evaluation must restore training mode")
    }

    @Test func learningRateFollowsTheStepSchedule() throws {
        let entry = try ModelCatalog.entry(named: "classifier")
        let configuration = RunConfiguration(
            model: "classifier", dataset: "mnist", epochs: 1, batchSize: 2, seed: 1, learningRates: ["model": 0.01],
            options: ["lr_step_size": "2", "lr_gamma": "0.5"])
        let classifier = try #require(try entry.makeModel(configuration) as? Classifier)
        var data = RandomGenerator(seed: 3), noise = RandomGenerator(seed: 4)
        let images = Tensor.uniform([2, 1, 28, 28], low: -1, high: 1, generator: &data)
        var rates: [Float] = []
        for _ in 0..<5 {
            _ = classifier.step(real: images, labels: [1, 2], generator: &noise)
            rates.append(classifier.optimizer.learningRate)
        }
        #expect(rates == [0.01, 0.01, 0.005, 0.005, 0.0025])
    }

    @Test func accuracyCountsRowsWhoseLargestLogitIsTheLabel() {
        let logits = Tensor([0.1, 0.9, 0.0, 2.0, -1.0, 0.5, 0.2, 0.3, 0.4], shape: [3, 3])
        #expect(ClassifierScore.accuracy(logits: logits, labels: [1, 0, 0]) == Float(2) / 3)
    }
}
