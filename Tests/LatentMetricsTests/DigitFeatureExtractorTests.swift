import Foundation
import LatentData
import LatentMetrics
import LatentNN
import Testing

// The shipped classifiers in Data/classifiers and the feature extractor built on them.

/// The repository root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped classifier files of `Data/classifiers`, checked by the SHA256SUMS there.
private let shippedFiles = ["mnist-classifier.safetensors", "fashion-mnist-classifier.safetensors"]

@Suite struct DigitFeatureExtractorTests {
    @Test func shippedFilesMatchTheirChecksums() throws {
        let directory = repositoryRoot.appendingPathComponent("Data/classifiers").path
        let list = try ChecksumList(contentsOf: directory + "/SHA256SUMS")
        #expect(Set(list.digests.keys) == Set(shippedFiles))
        for name in shippedFiles {
            try list.verify([UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))), name: name, path: directory + "/" + name)
        }
    }

    @Test func shippedWeightsLoadWithPyTorchNames() throws {
        for variant in MNISTVariant.allCases {
            let path = try DigitFeatureExtractor.locateShippedWeights(variant)
            let file = try SafeTensors(contentsOfFile: path)
            #expect(Set(file.names) == Set(MNISTConvNet().stateDict().map(\.0)))
            _ = try DigitFeatureExtractor(.shipped(variant))
        }
    }

    /// All 10,000 test images (15–40 s in a debug build on two shared cores): the README's 99.05%.
    @Test func shippedMNISTClassifierIsAccurateOnTestImages() throws {
        let test = try MNIST.load(.test, from: repositoryRoot.appendingPathComponent("Data/mnist").path)
        let extractor = try DigitFeatureExtractor(.shipped(.mnist))
        let accuracy = try extractor.classifierAccuracy(test)
        #expect(accuracy >= 0.99, "accuracy \(accuracy) on the test split")

        let images = test.subset(Array(0..<40)).images(scaling: .minusOneToOne)
        let (features, logits) = try extractor.featuresAndLogits(images)
        #expect(features.shape == [40, 128] && logits.shape == [40, 10])
        let batched = try DigitFeatureExtractor(network: extractor.network, batchSize: 7).features(images)
        #expect(zip(batched.values, features.values).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        let probabilities = try extractor.probabilities(images)
        for row in 0..<40 {
            let sum = probabilities.values[(row * 10)..<(row * 10 + 10)].reduce(0, +)
            #expect(abs(sum - 1) < 1e-5)
        }
    }

    @Test func refusesImagesOfTheWrongShapeOrRange() throws {
        let extractor = DigitFeatureExtractor(network: MNISTConvNet(), batchSize: 4)
        for shape in [[2, 28, 28], [2, 3, 28, 28], [2, 1, 32, 32], [0, 1, 28, 28]] {
            let error = #expect(throws: FeatureExtractorError.self) { try extractor.features(Tensor.zeros(shape)) }
            #expect(error?.description.contains("[N, 1, 28, 28]") == true)
        }
        let bright = Tensor.zeros([1, 1, 28, 28]) + 255
        let error = #expect(throws: FeatureExtractorError.self) { try extractor.logits(bright) }
        #expect(error?.description.contains("[−1, 1]") == true)
    }

    @Test func missingWeightsFileIsNamed() {
        let error = #expect(throws: FeatureExtractorError.self) { try DigitFeatureExtractor(.file("/no/such/classifier.safetensors")) }
        #expect(error?.description.contains("/no/such/classifier.safetensors") == true)
        let candidates = DigitFeatureExtractor.shippedWeightsCandidates(.fashionMNIST)
        #expect(candidates.contains(FileManager.default.currentDirectoryPath + "/Data/classifiers/fashion-mnist-classifier.safetensors"))
    }
}
