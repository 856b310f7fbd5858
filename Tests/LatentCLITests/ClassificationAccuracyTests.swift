import Foundation
import LatentData
import LatentModels
import LatentTensor
import LatentTestSupport
import Testing

@testable import LatentCLIKit

// The Classification Accuracy Score's pipeline on a small case: a "generator" that returns real training digits of
// the class asked for must score as the same classifier trained on real digits does.

/// Real digits in [−1, 1], one per class asked for, each image given once.
private final class RealDigitGenerator: ClassConditionalGenerating {
    private var unused: [[Tensor]]
    private(set) var asked: [Int] = []
    let latentShape = [1]
    var classCount: Int? { 10 }

    init(_ digits: ImageDataset) {
        let images = digits.images(scaling: .minusOneToOne)
        unused = Array(repeating: [], count: 10)
        for (index, label) in digits.labels.enumerated() { unused[label].append(images.slice(axis: 0, range: index..<(index + 1))) }
    }

    func generate(_ z: Tensor) -> Tensor { preconditionFailure("RealDigitGenerator draws only asked classes") }

    func generate(_ z: Tensor, labels: [Int]) -> Tensor {
        asked += labels
        return Tensor.concatenated(labels.map { unused[$0].removeFirst() })
    }
}

@Test func classifierTrainedOnRealDigitsOfTheAskedClassesScoresAsOnRealDigits() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let train = try MNIST.load(.train, from: LatentProcess.mnist), test = try MNIST.load(.test, from: LatentProcess.mnist)
    let generator = RealDigitGenerator(train.subset(Array(400..<1_400)))
    let evaluation = ClassificationAccuracyEvaluation(
        generator: generator, classCount: 10, scaling: .minusOneToOne, real: train.subset(Array(0..<400)),
        test: test.subset(Array(0..<300)), count: nil, sampleSeed: 0, training: ClassifierTraining(epochs: 3, threads: 1),
        folder: root)
    let (values, samples) = try evaluation.evaluate()
    #expect(samples == 400)
    #expect(generator.asked == (0..<400).map { $0 % 10 }, "classes must be balanced: sample i of class i mod 10")
    let real = try #require(values[ClassificationAccuracyEvaluation.realKey])
    let generated = try #require(values[ClassificationAccuracyEvaluation.generatedKey])
    let both = try #require(values[ClassificationAccuracyEvaluation.realAndGeneratedKey])
    #expect(real > 0.6, "the recipe must learn from 400 real digits: \(real)")
    #expect(abs(generated - real) < 0.08, "real digits as samples: \(generated), real: \(real)")
    #expect(both > real - 0.03, "twice the real digits: \(both), real: \(real)")
    for name in ["generated", "real-and-generated", "real"] {
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("\(name)/checkpoints/latest").path))
    }
}

@Test func imageDatasetsJoinAndStoreUnitImagesAsBytes() throws {
    let images = Tensor([0, 0.5, 1, 0.2], shape: [2, 1, 1, 2])
    let stored = try ImageDataset(unitImages: images, labels: [3, 1])
    #expect(stored.pixels == [0, 128, 255, 51] && stored.labels == [3, 1] && stored.imageShape == [1, 1, 2])
    let joined = try stored.appending(stored.subset([1]))
    #expect(joined.pixels == [0, 128, 255, 51, 255, 51] && joined.labels == [3, 1, 1])
    #expect(throws: DataError.self) { try ImageDataset(unitImages: images, labels: [1]) }
    #expect(throws: DataError.self) {
        try stored.appending(ImageDataset(pixels: [1, 2, 3], labels: [0], channels: 1, height: 1, width: 3))
    }
}
