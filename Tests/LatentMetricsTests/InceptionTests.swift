import Foundation
import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

// The FID Inception network against features PyTorch computed with the same weights
// (`../shared/data/inception/`, see its README), and its input checks, weights lookup and BN folding.
// Agreement is measured as max |latent − reference| / max |reference| over a whole feature matrix.

/// The shared Inception data folder, `<package root>/../shared/data/inception`.
private let inceptionData = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data/inception")
/// The weights: the shared file, or the one `$LATENT_INCEPTION_WEIGHTS` names (to check a converted download).
private let weightsURL = ProcessInfo.processInfo.environment[InceptionWeights.environmentVariable].map(URL.init(fileURLWithPath:))
    ?? inceptionData.appendingPathComponent(InceptionWeights.fileName)

/// The largest difference between `a` and `b` relative to the largest magnitude in `b`.
private func relativeDifference(_ a: Tensor, _ b: Tensor) -> Float {
    let (x, y) = (a.values, b.values)
    let scale = y.map(abs).max() ?? 0
    return zip(x, y).map { abs($0 - $1) }.max()! / scale
}

private func loadedNetwork(foldBatchNorm: Bool = true) throws -> InceptionV3 {
    let network = InceptionV3()
    try network.load(weightsAt: weightsURL, foldBatchNorm: foldBatchNorm)
    return network
}

@Suite struct InceptionTests {
    @Test func featuresAgreeWithPyTorchOnDigitsAndNoise() throws {
        let reference = try SafeTensors(contentsOf: inceptionData.appendingPathComponent("reference-features.safetensors"))
        let extractor = InceptionFeatureExtractor(network: try loadedNetwork(), batchSize: 10)
        for name in ["digits", "noise"] {
            let images = try reference.tensor("\(name)_uint8")
            let expected = try reference.tensor("\(name)_features")
            let features = try extractor.features(of: images, range: .bytes)
            #expect(features.shape == [16, InceptionV3.featureCount])
            let difference = relativeDifference(features, expected)
            #expect(difference < 1e-4, "\(name): relative difference \(difference)")
        }
    }

    @Test func greyImagesAndUnitRangeGiveTheSameFeaturesAsRGBBytes() throws {
        let reference = try SafeTensors(contentsOf: inceptionData.appendingPathComponent("reference-features.safetensors"))
        let digits = try reference.tensor("digits_uint8").slice(axis: 0, range: 0..<2)
        let extractor = InceptionFeatureExtractor(network: try loadedNetwork())
        let rgb = try extractor.features(of: digits, range: .bytes)
        let grey = try extractor.features(of: digits.slice(axis: 1, range: 0..<1) / 255, range: .unitInterval)
        #expect(relativeDifference(grey, rgb) < 1e-5)
        #expect(relativeDifference(rgb, try reference.tensor("digits_features").slice(axis: 0, range: 0..<2)) < 1e-4)
    }

    @Test func foldingBatchNormChangesFeaturesByLessThan1e5() throws {
        let images = Tensor.uniform([3, 3, 32, 32], low: 0, high: 1)
        let folded = InceptionFeatureExtractor(network: try loadedNetwork(foldBatchNorm: true))
        let unfolded = InceptionFeatureExtractor(network: try loadedNetwork(foldBatchNorm: false))
        #expect(folded.network.units.count == 94 && folded.network.units.allSatisfy(\.isFolded))
        #expect(unfolded.network.units.allSatisfy { !$0.isFolded })
        let difference = relativeDifference(try folded.features(of: images, range: .unitInterval),
                                            try unfolded.features(of: images, range: .unitInterval))
        #expect(difference < 1e-5, "relative difference \(difference)")
    }

    @Test func stateDictKeysAreTheWeightFileKeys() throws {
        let fileNames = Set(try SafeTensors(contentsOf: weightsURL).names)
        let keys = InceptionV3().stateDict().map(\.0).filter { !$0.hasSuffix("num_batches_tracked") }
        #expect(Set(keys) == fileNames)
        #expect(keys.count == 470)
        #expect(keys.contains("Mixed_7c.branch3x3dbl_3b.bn.running_var"))
    }

    @Test func malformedImagesAreRefused() throws {
        let extractor = InceptionFeatureExtractor(network: InceptionV3())
        expectError(containing: ["expected images [N ≥ 1, 3 or 1, H, W]", "[2, 2, 8, 8]"]) {
            _ = try extractor.features(of: Tensor.zeros([2, 2, 8, 8]), range: .bytes)
        }
        expectError(containing: ["[3, 8, 8]"]) {
            _ = try extractor.features(of: Tensor.zeros([3, 8, 8]), range: .bytes)
        }
        expectError(containing: ["[0, 3, 8, 8]"]) {
            _ = try extractor.features(of: Tensor.zeros([0, 3, 8, 8]), range: .bytes)
        }
        expectError(containing: ["expected values in [0, 1]", "from 0.0 to 255.0"]) {
            _ = try extractor.features(of: Tensor([0, 255, 3, 4], shape: [1, 1, 2, 2]), range: .unitInterval)
        }
        expectError(containing: ["expected values in [0, 255]", "NaN"]) {
            _ = try extractor.features(of: Tensor([0, .nan, 3, 4], shape: [1, 1, 2, 2]), range: .bytes)
        }
    }

    @Test func missingWeightsNameThePathAndHowToGetThem() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let explicit = directory.appendingPathComponent("typo.safetensors").path
        expectError(containing: [explicit, "given explicitly", "latent data download inception", "--inception-weights"]) {
            _ = try InceptionWeights.locate(explicitPath: explicit, environment: [:])
        }
        expectError(containing: ["/from-env.safetensors", "$LATENT_INCEPTION_WEIGHTS"]) {
            _ = try InceptionWeights.locate(environment: ["LATENT_INCEPTION_WEIGHTS": "/from-env.safetensors"])
        }
        let cache = directory.path + "/latent/fid-inception-v3.safetensors"
        #expect(InceptionWeights.cachePath(environment: ["XDG_CACHE_HOME": directory.path, "HOME": "/users/x"]) == cache)
        #expect(InceptionWeights.cachePath(environment: ["HOME": "/users/x"]) == "/users/x/.cache/latent/fid-inception-v3.safetensors")
        expectError(containing: [cache, "the cache", "copy it from the shared data folder"]) {
            _ = try InceptionWeights.locate(environment: ["XDG_CACHE_HOME": directory.path])
        }
        #expect(try InceptionWeights.locate(explicitPath: weightsURL.path, environment: [:]) == weightsURL)
        #expect(try InceptionWeights.locate(environment: ["LATENT_INCEPTION_WEIGHTS": weightsURL.path]) == weightsURL)
    }

    @Test func weightsWithAnotherChecksumAreRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("other.safetensors")
        try Data("not the weights".utf8).write(to: other)
        expectError(containing: [other.path, "SHA-256", InceptionWeights.sha256, "verify: false"]) {
            try InceptionWeights.verify(other)
        }
        try InceptionWeights.verify(weightsURL)
    }

    @Test func weightFilesWithWrongKeysOrShapesAreRefusedNamingTheKey() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var state = try SafeTensors(contentsOf: weightsURL).tensors()
        state["Mixed_6b.branch7x7_2.conv.weight"] = nil
        let missing = directory.appendingPathComponent("missing.safetensors")
        try SafeTensors.write(state.sorted { $0.key < $1.key }, to: missing)
        expectError(containing: [missing.path, "missing key Mixed_6b.branch7x7_2.conv.weight"]) {
            try InceptionV3().load(weightsAt: missing)
        }
        state["Mixed_6b.branch7x7_2.conv.weight"] = Tensor.zeros([128, 128, 7, 1])
        let transposed = directory.appendingPathComponent("transposed.safetensors")
        try SafeTensors.write(state.sorted { $0.key < $1.key }, to: transposed)
        expectError(containing: [transposed.path, "Mixed_6b.branch7x7_2.conv.weight has shape [128, 128, 7, 1], expected [128, 128, 1, 7]"]) {
            try InceptionV3().load(weightsAt: transposed)
        }
    }
}
