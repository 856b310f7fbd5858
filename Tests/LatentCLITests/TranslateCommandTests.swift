import Foundation
import LatentData
import LatentModels
import LatentTestSupport
import Testing

@testable import LatentCLIKit

// `latent translate`: a trained translation model applied to a folder of the user's images, one PNG per image under
// the same name, both directions of a CycleGAN, and clear refusals.

@Suite(.serialized) struct TranslateCommandTests {
    /// A folder of three grey 30×30 images in two subfolders, which the run's 28×28 networks take resized.
    static func inputFolder(in root: URL) throws -> URL {
        let input = root.appendingPathComponent("input")
        for folder in ["one", "two"] {
            try FileManager.default.createDirectory(at: input.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (i, name) in ["one/a.png", "one/b.jpg", "two/c.png"].enumerated() {
            let pixels = (0..<900).map { UInt8(truncatingIfNeeded: ($0 % 30) * 8 + i * 50) }
            let image = Image(width: 30, height: 30, channels: 1, pixels: pixels)
            let path = input.appendingPathComponent(name).path
            if name.hasSuffix(".jpg") { try JPEG.write(image, to: path, quality: 100) } else { try PNG.write(image, to: path) }
        }
        return input
    }

    @Test func aCycleGANTranslatesAFolderBothWays() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try trainTinyCycleGAN(in: root)
        let input = try Self.inputFolder(in: root)

        let model = try TrainedRun(directory: run, requireGenerator: false)
        let sources = try ImageFolder.load(input.path, channels: 1, side: 28).dataset.images(scaling: .minusOneToOne)
        for (inverse, folder) in [(false, "forward"), (true, "inverse")] {
            let out = root.appendingPathComponent(folder)
            let translated = try LatentProcess.run(
                ["translate", run.path, "--input", input.path, "--out", out.path, "--threads", "1"] + (inverse ? ["--inverse"] : []), in: root)
            #expect(translated.status == 0, "\(translated.stderr)")
            #expect(translated.stdout.contains("3 images of \(input.path) translated"))
            let written = try ImageFolder.load(out.path)
            #expect(written.files.map { Translate.outputName(of: $0, under: out.path) } == ["one/a.png", "one/b.png", "two/c.png"])
            #expect(written.dataset.imageShape == [1, 28, 28])
            // Each file holds the run's translation of its image, rounded to bytes.
            let expected = try #require((model.model as? Translating)?.translate(sources, inverse: inverse))
            let bytes = expected.values.map { PixelRange.minusOneToOne.byte($0) }
            #expect(written.dataset.pixels == bytes)
        }
    }

    @Test func runsThatCannotTranslateAndUsedFoldersAreRefused() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try Self.inputFolder(in: root)
        let pix2pix = root.appendingPathComponent("pix2pix")
        let trained = try LatentProcess.run(
            ["train", "pix2pix", "--data-dir", LatentProcess.mnist, "--steps", "1", "--batch-size", "2", "--threads", "1",
             "--option", "ngf=4", "--option", "ndf=4", "--option", "n_layers=1", "--out", pix2pix.path], in: root)
        try #require(trained.status == 0, "\(trained.stderr)")
        let inverse = try LatentProcess.run(
            ["translate", pix2pix.path, "--input", input.path, "--out", root.appendingPathComponent("x").path, "--inverse"], in: root)
        #expect(inverse.status != 0 && inverse.stderr.contains("learns one direction; it has no inverse"), "\(inverse.stderr)")
        let forward = try LatentProcess.run(
            ["translate", pix2pix.path, "--input", input.path, "--out", root.appendingPathComponent("y").path], in: root)
        #expect(forward.status == 0, "\(forward.stderr)")
        let used = try LatentProcess.run(
            ["translate", pix2pix.path, "--input", input.path, "--out", root.appendingPathComponent("y").path], in: root)
        #expect(used.status != 0 && used.stderr.contains("already holds files; name a new or empty folder"), "\(used.stderr)")

        let gan = root.appendingPathComponent("gan")
        let plain = try LatentProcess.run(
            ["train", "gan", "--data-dir", LatentProcess.mnist, "--steps", "1", "--threads", "1", "--out", gan.path], in: root)
        try #require(plain.status == 0, "\(plain.stderr)")
        let refused = try LatentProcess.run(
            ["translate", gan.path, "--input", input.path, "--out", root.appendingPathComponent("z").path], in: root)
        #expect(refused.status != 0 && refused.stderr.contains("model gan of \(gan.path) does not translate images"), "\(refused.stderr)")
    }
}
