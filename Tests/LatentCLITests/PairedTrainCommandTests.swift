import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

// `latent train pix2pix --dataset paired` end to end on a tiny RGB folder: the direction, image size and data shape
// recorded in config.yaml, and a run with jitter and flips that resumes to the same bytes as an uninterrupted one.

@Suite(.serialized) struct PairedTrainCommandTests {
    /// Writes `count` RGB side-by-side pairs of 24×24 images (A random, B its negative) into `folder`.
    private func writePairs(_ folder: URL, count: Int, seed: UInt64) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = RandomGenerator(seed: seed)
        for index in 0..<count {
            var pixels: [UInt8] = []
            for _ in 0..<24 {
                let row = (0..<(24 * 3)).map { _ in UInt8(generator.nextInt(below: 256)) }
                pixels += row + row.map { 255 - $0 }
            }
            try Data(PNG.encode(Image(width: 48, height: 24, channels: 3, pixels: pixels)))
                .write(to: folder.appendingPathComponent("\(index).png"))
        }
    }

    /// `latent train pix2pix` on the paired folder `data` into `run`: tiny networks, one thread, `extra` flags.
    private func train(_ run: URL, data: URL, _ extra: [String]) -> [String] {
        ["train", "pix2pix", "--dataset", "paired", "--data-dir", data.path, "--image-size", "32", "--batch-size", "2",
         "--threads", "1", "--option", "ngf=2", "--option", "ndf=2", "--out", run.path] + extra
    }

    @Test func pix2pixTrainsOnAnRGBPairedFolderAndRecordsItsShape() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("pairs"), run = root.appendingPathComponent("run")
        try writePairs(data.appendingPathComponent("train"), count: 4, seed: 1)
        try writePairs(data.appendingPathComponent("test"), count: 2, seed: 2)
        let result = try LatentProcess.run(train(run, data: data, ["--steps", "2", "--direction", "BtoA"]), in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        for line in ["direction: BtoA", "image_size: 32", "  input_nc: 3", "  output_nc: 3", "  crop_size: 32"] {
            #expect(config.contains(line + "\n"), "\(line)")
        }
        #expect(latestCheckpointStep(run) == 2)
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("samples/translations").path))
    }

    @Test func aJitteredRunResumesToTheSameBytesAsAnUninterruptedOne() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("pairs")
        try writePairs(data, count: 4, seed: 3)
        let whole = root.appendingPathComponent("whole"), parted = root.appendingPathComponent("parted")
        let flags = ["--option", "jitter=true", "--option", "flip=true", "--checkpoint-every-steps", "2"]
        let uninterrupted = try LatentProcess.run(train(whole, data: data, flags + ["--steps", "4"]), in: root)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let first = try LatentProcess.run(train(parted, data: data, flags + ["--steps", "2"]), in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let resumed = try LatentProcess.run(train(parted, data: data, flags + ["--steps", "4", "--resume"]), in: root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(latestCheckpointStep(parted) == 4)
        #expect(try latestCheckpointFiles(parted) == latestCheckpointFiles(whole))

        let changed = try LatentProcess.run(train(parted, data: data, flags + ["--steps", "6", "--resume", "--image-size", "64"]), in: root)
        #expect(changed.status != 0 && changed.stderr.contains("takes images of shape [6, 32, 32], but data set paired has [6, 64, 64]"),
                "\(changed.stderr)")
    }

    @Test func badDirectionsAndSizesAreRefused() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("pairs"), run = root.appendingPathComponent("run")
        let direction = try LatentProcess.run(train(run, data: data, ["--direction", "sideways"]), in: root)
        #expect(direction.status != 0 && direction.stderr.contains("sideways") && direction.stderr.contains("expected AtoB or BtoA"), "\(direction.stderr)")
        let size = try LatentProcess.run(["train", "dcgan", "--image-size", "100000", "--out", run.path], in: root)
        #expect(size.status != 0 && size.stderr.contains("image size must be between 1 and 4096 pixels, got 100000"), "\(size.stderr)")
        #expect(!FileManager.default.fileExists(atPath: run.path))
    }
}

@Test func directionAndImageSizeRoundTripThroughConfigYAML() throws {
    var configuration = RunConfiguration(model: "pix2pix", dataset: "paired", epochs: 1, batchSize: 1, seed: 0, learningRates: [:])
    #expect(!configuration.yaml.contains("direction") && !configuration.yaml.contains("image_size"))
    configuration.direction = .bToA
    configuration.imageSize = 64
    #expect(configuration.yaml.contains("direction: BtoA\n") && configuration.yaml.contains("image_size: 64\n"))
    #expect(try RunConfiguration(yaml: configuration.yaml) == configuration)
    let sideways = configuration.yaml.replacingOccurrences(of: "direction: BtoA", with: "direction: sideways")
    expectError(containing: ["`direction` is \"sideways\"", "AtoB or BtoA"]) { _ = try RunConfiguration(yaml: sideways) }
    configuration.imageSize = 0
    expectError(containing: ["image size must be between 1 and 4096 pixels, got 0"]) { try configuration.validate() }
}

/// Regression: commands that read a run's data set loaded it in its stored size, which the model of a run trained
/// with --image-size does not take.
@Test func aRunsImageSizeAppliesToTheCommandsThatReadItsData() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("digits"), run = root.appendingPathComponent("run")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    for index in 0..<4 {
        let pixels = (0..<(14 * 14)).map { UInt8(($0 * (index + 3)) % 256) }
        try Data(PNG.encode(Image(width: 14, height: 14, channels: 1, pixels: pixels))).write(to: data.appendingPathComponent("\(index).png"))
    }
    let trained = try LatentProcess.run(
        ["train", "gan", "--dataset", "folder", "--data-dir", data.path, "--image-size", "28", "--steps", "1", "--batch-size", "2",
         "--threads", "1", "--out", run.path], in: root)
    #expect(trained.status == 0, "\(trained.stderr)")
    let map = root.appendingPathComponent("map.png")
    let embedded = try LatentProcess.run(
        ["embed", run.path, "--dataset", "folder", "--data-dir", data.path, "--split", "train", "--threads", "1", "--out", map.path], in: root)
    #expect(embedded.status == 0, "\(embedded.stderr)")
    #expect(FileManager.default.fileExists(atPath: map.path))
}
