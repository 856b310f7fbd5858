import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// Faults around the training loop (issue 14): state that turns non-finite while the losses stay finite, and
// checkpoint folders left damaged by copies and kills. In TrainerTests, which is serialized: the trainer sets the
// global generator and thread count.

extension TrainerTests {
    /// Trains the tiny GAN (checkpoints every 3 steps), calling `poison` on it after step 4, and expects the run to stop
    /// at the check of step 6 naming `tensor`, back at the checkpoint of step 3, with only finite values saved.
    private func expectStopAtTheNextCheck(naming tensor: String, poison: (GAN) throws -> Void) throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(checkpointEvery: 3), data: try tinyLoader(),
                                  makeModel: tinyGAN)
        let gan = trainer.model as! GAN
        var thrown: (any Error)?
        var losses: [Float] = []
        do {
            try trainer.train { record in
                losses += record.losses.values
                if record.step == 4 { try? poison(gan) }
            }
        } catch {
            thrown = error
        }
        #expect(losses.allSatisfy { $0.isFinite })
        guard case .nonFiniteState(let step, let named, let goodStep, _)? = thrown as? TrainingError else {
            Issue.record("expected TrainingError.nonFiniteState, got \(String(describing: thrown))")
            return
        }
        #expect(step == 6 && goodStep == 3 && named == tensor)
        #expect(String(describing: thrown!).contains("\(tensor) is not finite"))
        #expect(trainer.completedSteps == 3 && !trainer.isFinished)
        #expect(try trainer.checkpoints.latestStep() == 3 && trainer.checkpoints.savedSteps() == [0, 3])
        #expect(gan.firstNonFiniteState() == nil)
        let restored = tinyGAN(tinyConfiguration())
        _ = try CheckpointStore(directory: trainer.checkpoints.directory, keep: 2).loadLatest(parts: restored.checkpointParts)
        #expect(restored.firstNonFiniteState() == nil)
    }

    /// A new run of the tiny GAN in `run`, trained for 3 steps with checkpoints after steps 0 and 3.
    private func trainedForThreeSteps(_ run: URL) throws -> Trainer {
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(steps: 3, checkpointEvery: 3),
                                  data: try tinyLoader(), makeModel: tinyGAN)
        try trainer.train()
        return trainer
    }

    /// The run in `run` resumed for 6 steps in all.
    private func resumed(_ run: URL) throws -> Trainer {
        try Trainer(directory: run, configuration: tinyConfiguration(steps: 6, checkpointEvery: 3), data: try tinyLoader(),
                    resume: true, makeModel: tinyGAN)
    }

    @Test func infiniteBatchNormRunningVarStopsTheRunWithoutReplacingTheGoodCheckpoint() throws {
        try expectStopAtTheNextCheck(naming: "generator/1.running_var") { gan in
            // stateDict shares values with the module; in training mode batch norm uses the batch's own variance,
            // so the losses stay finite.
            gan.generator.stateDict().first { $0.0 == "1.running_var" }!.1.withMutableValues { $0[0] = .infinity }
        }
    }

    @Test func infiniteAdamStateStopsTheRun() throws {
        try expectStopAtTheNextCheck(naming: "generator_optimizer/0.weight.exp_avg_sq") { gan in
            let optimizer = gan.optimizers.first { $0.name == "generator" }!.optimizer
            var state = optimizer.stateDict()
            let poisoned = state["0.weight.exp_avg_sq"]!.copy()
            poisoned.withMutableValues { $0[0] = .infinity }
            state["0.weight.exp_avg_sq"] = poisoned
            try optimizer.loadStateDict(state)
        }
    }

    @Test func resumeWithoutTheLatestLinkFallsBackToTheNewestCompleteCheckpoint() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let first = try Trainer(directory: run, configuration: tinyConfiguration(steps: 7, checkpointEvery: 3, keep: 3),
                                data: try tinyLoader(), makeModel: tinyGAN)
        try first.train()
        #expect(try first.checkpoints.savedSteps() == [3, 6, 7])
        // A copy that dropped links, with the newest checkpoint cut short.
        try FileManager.default.removeItem(at: first.checkpoints.latest)
        try Data().write(to: first.checkpoints.url(step: 7).appendingPathComponent("generator.safetensors"))

        let resumed = try Trainer(directory: run, configuration: tinyConfiguration(steps: 9, checkpointEvery: 3, keep: 3),
                                  data: try tinyLoader(), resume: true, makeModel: tinyGAN)
        #expect(resumed.completedSteps == 6)
        #expect(try resumed.checkpoints.latestStep() == 6)
        #expect(try resumed.checkpoints.savedSteps() == [3, 6])
        try resumed.train()
        #expect(try resumed.checkpoints.latestStep() == 9 && resumed.checkpoints.savedSteps() == [3, 6, 9])
    }

    @Test func resumeRefusesWhenNoCheckpointIsCompleteAndDeletesNothing() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let first = try trainedForThreeSteps(run)
        try FileManager.default.removeItem(at: first.checkpoints.latest)
        for step in [0, 3] {
            try Data("{}".utf8).write(to: first.checkpoints.url(step: step).appendingPathComponent(Checkpoint.manifestName))
        }
        let error = #expect(throws: TrainingError.self) {
            try resumed(run)
        }
        #expect(String(describing: error).contains("checkpoints/latest: is missing, and no step-N checkpoint beside it is complete"))
        #expect(try first.checkpoints.savedSteps() == [0, 3])
        #expect(try metricsRecords(run).count == 3)
    }

    @Test func latestAsARealFolderIsRefusedAndLeavesNoTemporaryLink() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let first = try trainedForThreeSteps(run)
        let store = first.checkpoints, manager = FileManager.default
        try manager.removeItem(at: store.latest)
        try manager.copyItem(at: store.url(step: 3), to: store.latest)
        let error = #expect(throws: TrainingError.self) {
            try store.save(Checkpoint(step: 4, epoch: 0), parts: first.model.checkpointParts)
        }
        #expect(String(describing: error).contains("latest: is not a symbolic link to a step-N checkpoint"))
        #expect(!manager.fileExists(atPath: store.directory.appendingPathComponent("latest.tmp").path))
        #expect(try store.savedSteps() == [0, 3])
        #expect(throws: TrainingError.self) {
            try resumed(run)
        }
    }

    @Test func aRunKilledBeforeItsFirstCheckpointCanBeResumedOrReplaced() throws {
        let configuration = tinyConfiguration(steps: 2)
        // Killed right after config.yaml: resuming starts from step 0.
        let killed = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: killed) }
        try Data(configuration.yaml.utf8).write(to: killed.appendingPathComponent("config.yaml"))
        let resumed = try Trainer(directory: killed, configuration: configuration, data: try tinyLoader(), resume: true,
                                  makeModel: tinyGAN)
        #expect(resumed.completedSteps == 0)
        try resumed.train()
        #expect(try resumed.checkpoints.latestStep() == 2)
        // An empty checkpoints/ without config.yaml (an older version killed between the two): a new run may start.
        let empty = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
        let fresh = try Trainer(directory: empty, configuration: configuration, data: try tinyLoader(), makeModel: tinyGAN)
        #expect(fresh.completedSteps == 0)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("config.yaml").path))
    }

    @Test func aFolderWhereACheckpointFileShouldBeIsNamedAsSuch() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let first = try trainedForThreeSteps(run)
        let file = first.checkpoints.url(step: 3).appendingPathComponent("generator.safetensors")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        let error = #expect(throws: CheckpointError.self) {
            try Checkpoint.load(from: first.checkpoints.url(step: 3), parts: tinyGAN(tinyConfiguration()).checkpointParts)
        }
        let message = String(describing: error)
        #expect(message.contains(file.path) && message.contains("cannot be read: it is a directory, not a file"), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain"))
    }
}
