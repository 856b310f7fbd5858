import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport
import LatentTestSupport
import Testing

// `latent sample` on a three-step run of the MLP GAN.

@Suite(.serialized) struct SampleCommandTests {
    @Test func sampleWritesAGridAndTensorsThatTheSameZReproduces() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        // Flags override the --config file, which overrides the model's defaults.
        let config = root.appendingPathComponent("short.yaml")
        try "# a partial configuration\nsteps: 2\nseed: 4\nbatch_size: 8\nthreads: 1\nlearning_rates:\n  generator: 0.001\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let trained = try LatentProcess.run(
            ["train", "gan", "--config", config.path, "--steps", "3", "--data-dir", LatentProcess.mnist, "--out", run.path], in: root)
        try #require(trained.status == 0, "\(trained.stderr)")
        let resolved = try RunConfiguration(yaml: String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8))
        #expect(resolved.steps == 3 && resolved.seed == 4 && resolved.batchSize == 8 && resolved.threads == 1)
        #expect(resolved.epochs == 20 && resolved.learningRates == ["generator": 0.001, "discriminator": 0.0002])
        #expect(resolved.dataDirectory == LatentProcess.mnist && resolved.model == "gan")
        #expect(latestCheckpointStep(run) == 3)

        let grid = root.appendingPathComponent("grid.png"), tensor = root.appendingPathComponent("grid.safetensors")
        let sampled = try LatentProcess.run(
            ["sample", run.path, "--count", "5", "--seed", "2", "--out", grid.path, "--tensor-out", tensor.path], in: root)
        #expect(sampled.status == 0, "\(sampled.stderr)")
        let image = try PNG.decode([UInt8](try Data(contentsOf: grid)))
        #expect(image.width == 5 * 30 + 2 && image.height == 30 + 2 && image.channels == 1)
        let samples = try SafeTensors(contentsOf: tensor).tensor("samples")
        #expect(samples.shape == [5, 1, 28, 28])
        #expect(samples.values.allSatisfy { $0 >= -1 && $0 <= 1 })

        // Interpolation rows: --columns points between two random vectors; the ends of a row are distinct samples.
        let lines = root.appendingPathComponent("lines.safetensors")
        let interpolated = try LatentProcess.run(
            ["sample", run.path, "--interpolate", "2", "--columns", "4", "--tensor-out", lines.path, "--out", grid.path], in: root)
        #expect(interpolated.status == 0, "\(interpolated.stderr)")
        let rows = try SafeTensors(contentsOf: lines).tensor("samples")
        #expect(rows.shape == [8, 1, 28, 28])
        let size = 784
        #expect(Array(rows.values[0..<size]) != Array(rows.values[3 * size..<4 * size]))
        let mixed = try LatentProcess.run(["sample", run.path, "--interpolate", "2", "--count", "3"], in: root)
        #expect(mixed.status != 0 && mixed.stderr.contains("--interpolate"))

        let planeless = try LatentProcess.run(["sample", run.path, "--manifold", "3"], in: root)
        #expect(planeless.status != 0 && planeless.stderr.contains("2-D latent space"))

        let z = run.appendingPathComponent(FixedLatents.relativePath)
        var outputs: [Data] = []
        for name in ["first", "second"] {
            let out = root.appendingPathComponent("\(name).safetensors")
            let result = try LatentProcess.run(["sample", run.path, "--z", z.path, "--tensor-out", out.path], in: root)
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: out))
        }
        #expect(outputs[0] == outputs[1])
        #expect(try SafeTensors(data: outputs[0]).shape("samples") == [64, 1, 28, 28])
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("samples/sample.png").path))

        let defaultGrid = try LatentProcess.run(["sample", run.path, "--count", "3"], in: root)
        #expect(defaultGrid.status == 0)
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("samples/sample.png").path))

        let wrong = root.appendingPathComponent("wrong-z.safetensors")
        try SafeTensors.write([("z", Tensor.zeros([3, 7]))], to: wrong)
        let refused = try LatentProcess.run(["sample", run.path, "--z", wrong.path], in: root)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(wrong.path) && refused.stderr.contains("[3, 7]") && refused.stderr.contains("[N, 100]"),
                "\(refused.stderr)")
        let unnamed = root.appendingPathComponent("unnamed.safetensors")
        try SafeTensors.write([("latents", Tensor.zeros([3, 100]))], to: unnamed)
        let missing = try LatentProcess.run(["sample", run.path, "--z", unnamed.path], in: root)
        #expect(missing.status != 0 && missing.stderr.contains("has no tensor \"z\""))

        // More samples than one pass through the generator takes (256): made pass by pass, the first five as
        // --count 5 made them.
        let many = root.appendingPathComponent("many.safetensors")
        let streamed = try LatentProcess.run(
            ["sample", run.path, "--count", "600", "--seed", "2", "--tensor-out", many.path], in: root)
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let manySamples = try SafeTensors(contentsOf: many).tensor("samples")
        #expect(manySamples.shape == [600, 1, 28, 28])
        #expect(zip(manySamples.values.prefix(5 * 784), samples.values).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func modelsListsEveryModelAndDetailsItsDefaults() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = try LatentProcess.run(["models"], in: root)
        #expect(plain.status == 0)
        for name in ["gan (mlp-gan)", "dcgan (dcgan-mnist)", "stylegan (stylegan-mnist)", "vae (vae-mlp)"] { #expect(plain.stdout.contains(name)) }
        let detailed = try LatentProcess.run(["models", "--details"], in: root)
        #expect(detailed.stdout.contains("defaults: dataset mnist, 5 epochs, batch 64"))
        #expect(detailed.stdout.split(separator: "\n").count > plain.stdout.split(separator: "\n").count)
    }

    @Test func aTwoDimensionalVAEDrawsItsManifold() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("vae2")
        let trained = try LatentProcess.run(
            ["train", "vae", "--option", "latent_size=2", "--steps", "2", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--out", run.path], in: root)
        try #require(trained.status == 0, "\(trained.stderr)")
        let grid = root.appendingPathComponent("manifold.png"), tensor = root.appendingPathComponent("manifold.safetensors")
        let drawn = try LatentProcess.run(
            ["sample", run.path, "--manifold", "5", "--out", grid.path, "--tensor-out", tensor.path], in: root)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(try SafeTensors(contentsOf: tensor).tensor("samples").shape == [25, 1, 28, 28])
        let image = try PNG.read(grid.path)
        #expect(image.width == 5 * 30 + 2 && image.height == 5 * 30 + 2)
    }
}
