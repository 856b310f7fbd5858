import Foundation
import LatentReport
import LatentTestSupport
import Testing

// Where `latent train` finds the bundled MNIST and what it records of the model's origin.

@Suite(.serialized) struct ModelOriginCommandTests {
    /// Trains the MLP GAN for `steps` steps into `ROOT/run`, run from `root` with no data directory given; returns the run.
    private func trainGAN(steps: Int, in root: URL) throws -> URL {
        let run = root.appendingPathComponent("run")
        let result = try LatentProcess.run(
            ["train", "gan", "--steps", "\(steps)", "--batch-size", "8", "--threads", "1", "--out", run.path], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        return run
    }

    @Test func trainingFindsTheBundledMNISTFromAnyDirectoryAndRecordsTheModelsModule() throws {
        // A directory with no Data/ folder in it or above it.
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try trainGAN(steps: 2, in: root)
        let status = try RunStatus.read(run: run)
        #expect(status.model == "gan" && status.module == "LatentModels" && status.status == .finished)
        let json = try String(contentsOf: run.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(json.contains("\"module\" : \"LatentModels\""))
    }

    @Test func aRunOfAModelThisProgramLacksNamesTheModuleThatDefinedIt() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try trainGAN(steps: 1, in: root)
        // The same run as if another package's executable had trained its own model.
        let config = run.appendingPathComponent("config.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "model: gan\n", with: "model: bigan-mlp\n")
        try Data(yaml.utf8).write(to: config)
        var status = try RunStatus.read(run: run)
        status.model = "bigan-mlp"
        status.module = "LatentExamples"
        try status.write(run: run)

        let sampled = try LatentProcess.run(["sample", run.path, "--count", "4", "--out", root.appendingPathComponent("x.png").path], in: root)
        #expect(sampled.status == 1)
        #expect(sampled.stderr.contains("model bigan-mlp was defined in module LatentExamples, which this program does not register"),
                "\(sampled.stderr)")
    }

    @Test func aRunStatusWrittenBeforeModulesWereRecordedStillReads() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let old = #"{"model": "dcgan", "dataset": "mnist", "status": "finished", "started": "2026-12-01T10:00:00Z", "finished": null, "seconds": 1, "steps": 2, "epochs": 1, "message": null}"#
        try Data(old.utf8).write(to: run.appendingPathComponent(RunStatus.fileName))
        let status = try RunStatus.read(run: run)
        #expect(status.model == "dcgan" && status.module == nil && status.steps == 2)
    }
}
