import Foundation
import LatentNN
import LatentTestSupport
import Testing

// `latent sample` with the style flags on a two-step run of a tiny stylegan, and their refusal on a plain GAN.

@Suite(.serialized) struct StyleSampleCommandTests {
    @Test func styleFlagsDrawTruncatedMixedAndNoiseGridsAndArePlainGANsRefused() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("stylegan")
        let trained = try LatentProcess.run(
            ["train", "stylegan", "--steps", "2", "--batch-size", "4", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--option", "channels=8", "--option", "latent_size=8", "--option", "mapping_layers=2", "--out", run.path], in: root)
        try #require(trained.status == 0, "\(trained.stderr)")

        func samples(_ flags: [String]) throws -> Tensor {
            let out = root.appendingPathComponent("samples.safetensors")
            let result = try LatentProcess.run(["sample", run.path, "--tensor-out", out.path] + flags, in: root)
            try #require(result.status == 0, "\(result.stderr)")
            return try SafeTensors(contentsOf: out).tensor("samples")
        }
        #expect(try samples(["--truncation", "0.5", "--count", "3"]).shape == [3, 1, 28, 28])
        #expect(try samples(["--noise-grid", "2", "--columns", "3"]).shape == [6, 1, 28, 28])

        // A 3×3 grid: the blank corner, two sources, then each destination and its two mixes. A destination given a
        // source's coarse styles is the source itself when the two are the same latent (one noise draw for all cells).
        let grid = try samples(["--style-mix", "--columns", "3", "--truncation", "0.8"])
        #expect(grid.shape == [9, 1, 28, 28])
        let image = { (index: Int) in Array(grid.values[(index * 784)..<((index + 1) * 784)]) }
        #expect(image(0).allSatisfy { $0 == -1 })
        #expect(image(3) == image(1) && image(4) == image(1) && image(8) == image(2) && image(6) == image(2))
        #expect(image(5) != image(4))

        let mixedFlags = try LatentProcess.run(["sample", run.path, "--style-mix", "--count", "3"], in: root)
        #expect(mixedFlags.status != 0 && mixedFlags.stderr.contains("--style-mix"))
        let absurd = try LatentProcess.run(["sample", run.path, "--truncation", "nan"], in: root)
        #expect(absurd.status != 0 && absurd.stderr.contains("--truncation"))

        let plain = root.appendingPathComponent("gan")
        let plainTrained = try LatentProcess.run(
            ["train", "gan", "--steps", "1", "--batch-size", "4", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", plain.path], in: root)
        try #require(plainTrained.status == 0, "\(plainTrained.stderr)")
        for flags in [["--truncation", "0.7"], ["--style-mix"], ["--noise-grid", "2"]] {
            let refused = try LatentProcess.run(["sample", plain.path] + flags, in: root)
            #expect(refused.status != 0 && refused.stderr.contains("model gan has no styles"), "\(flags): \(refused.stderr)")
        }
    }
}
