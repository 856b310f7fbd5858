import Foundation
import LatentData
import LatentNN
import LatentReport
import LatentTestSupport
import Testing

// A two-step cgan run: class-row grids, `latent sample --class` and the class accuracy of `latent eval`.

@Suite(.serialized) struct ConditionalSampleCommandTests {
    @Test func conditionalRunsDrawOneRowPerClassAndSampleARequestedClass() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let trained = try LatentProcess.run(
            ["train", "cgan", "--steps", "2", "--batch-size", "8", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", run.path],
            in: root)
        try #require(trained.status == 0, "\(trained.stderr)")
        // Ten rows (classes) of eight columns, 30 pixels per cell and 2 of padding.
        let grid = try PNG.decode([UInt8](try Data(contentsOf: run.appendingPathComponent("samples/epoch-0001.png"))))
        #expect(grid.width == 8 * 30 + 2 && grid.height == 10 * 30 + 2)

        let rows = root.appendingPathComponent("rows.png")
        let sampled = try LatentProcess.run(["sample", run.path, "--columns", "4", "--out", rows.path], in: root)
        #expect(sampled.status == 0, "\(sampled.stderr)")
        let image = try PNG.decode([UInt8](try Data(contentsOf: rows)))
        #expect(image.width == 4 * 30 + 2 && image.height == 10 * 30 + 2)

        let sevens = root.appendingPathComponent("sevens.safetensors"), twos = root.appendingPathComponent("twos.safetensors")
        for (digit, file) in [("7", sevens), ("2", twos)] {
            let result = try LatentProcess.run(["sample", run.path, "--class", digit, "--count", "3", "--tensor-out", file.path], in: root)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let seven = try SafeTensors(contentsOf: sevens).tensor("samples"), two = try SafeTensors(contentsOf: twos).tensor("samples")
        #expect(seven.shape == [3, 1, 28, 28] && seven.values != two.values)
        let outside = try LatentProcess.run(["sample", run.path, "--class", "10"], in: root)
        #expect(outside.status != 0 && outside.stderr.contains("--class 10"))

        let evaluated = try LatentProcess.run(
            ["eval", run.path, "--count", "50", "--metrics", "fid", "--json", "--data-dir", LatentProcess.mnist], in: root)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let accuracy = try #require(fields["class_accuracy"] as? Double)
        #expect((0...1).contains(accuracy))
    }

    @Test func labelsOutsideTheModelsClassesAreRefusedBeforeTraining() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("eleven")
        for name in "abcdefghijk".map(String.init) {
            let classFolder = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
            try PNG.write(Image(width: 28, height: 28, channels: 1, value: 128), to: classFolder.appendingPathComponent("digit.png").path)
        }
        let result = try LatentProcess.run(
            ["train", "cgan", "--dataset", "folder", "--data-dir", folder.path, "--batch-size", "11", "--steps", "1",
             "--out", root.appendingPathComponent("run").path], in: root)
        #expect(result.status != 0 && result.stderr.contains("label 10"), "\(result.stderr)")
    }

    @Test func unconditionalRunsRefuseAClass() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let trained = try LatentProcess.run(
            ["train", "gan", "--steps", "1", "--batch-size", "8", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", run.path],
            in: root)
        try #require(trained.status == 0, "\(trained.stderr)")
        let refused = try LatentProcess.run(["sample", run.path, "--class", "1"], in: root)
        #expect(refused.status != 0 && refused.stderr.contains("not conditioned on classes"))
        let noScore = try LatentProcess.run(["eval", run.path, "--metrics", "cas", "--data-dir", LatentProcess.mnist], in: root)
        #expect(noScore.status != 0 && noScore.stderr.contains("model gan is not class-conditional"), "\(noScore.stderr)")
        let tooFew = try LatentProcess.run(["eval", run.path, "--metrics", "cas", "--cas-count", "9"], in: root)
        #expect(tooFew.status != 0 && tooFew.stderr.contains("--cas-count"), "\(tooFew.stderr)")
    }
}
