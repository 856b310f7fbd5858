import Foundation
import LatentData
import LatentModels
import LatentTensor
import LatentTestSupport
import Testing

@testable import LatentCLIKit

// The Classification Accuracy Score's pipeline on a small case: a "generator" that returns the real training digits
// of the class asked for, in the order the real set holds them, must give the very data set the real classifier
// trains on, so the two accuracies are equal to the last bit.

/// Real digits in [−1, 1], each class's in the order of `digits`, one per class asked for.
private final class RealDigitGenerator: ClassConditionalGenerating {
    private var unused: [[Tensor]]
    let latentShape = [1]
    var classCount: Int? { 10 }

    init(_ digits: ImageDataset) {
        let images = digits.images(scaling: .minusOneToOne)
        unused = Array(repeating: [], count: 10)
        for (index, label) in digits.labels.enumerated() { unused[label].append(images.slice(axis: 0, range: index..<(index + 1))) }
    }

    func generate(_ z: Tensor) -> Tensor { preconditionFailure("RealDigitGenerator draws only asked classes") }

    func generate(_ z: Tensor, labels: [Int]) -> Tensor {
        Tensor.concatenated(labels.map { unused[$0].removeFirst() })
    }
}

@Test func realDigitsOfTheAskedClassesScoreExactlyAsTheRealDigits() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // The first 50 test digits score; 6 later ones of each class train, in the order of balanced samples: image i
    // is of class i mod 10.
    let digits = try MNIST.load(.test, from: LatentProcess.mnist)
    var byClass = [[Int]](repeating: [], count: 10)
    for (index, label) in digits.labels.enumerated().dropFirst(100) where byClass[label].count < 6 { byClass[label].append(index) }
    let real = digits.subset((0..<60).map { byClass[$0 % 10][$0 / 10] })
    var training = ClassifierTraining(epochs: 1, threads: 1)
    training.batchSize = 20
    let evaluation = ClassificationAccuracyEvaluation(
        generator: RealDigitGenerator(real), classCount: 10, scaling: .minusOneToOne, real: real, test: digits.subset(Array(0..<50)),
        count: nil, sampleSeed: 0, training: training, folder: root)
    let (values, samples) = try evaluation.evaluate()
    #expect(samples == 60)
    let accuracy = try #require(values[ClassificationAccuracyEvaluation.realKey])
    #expect(values[ClassificationAccuracyEvaluation.generatedKey] == accuracy, "\(values)")
    #expect((0...1).contains(try #require(values[ClassificationAccuracyEvaluation.realAndGeneratedKey])))
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
