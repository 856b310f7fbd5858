import Foundation
import LatentReport
import LatentTestSupport
import Testing

// `latent train` as a user runs it: killed and resumed, interrupted, failing. The MLP GAN on the bundled
// MNIST with batches of 8 keeps every run to a few seconds.

@Suite(.serialized) struct TrainCommandTests {
    /// `latent train gan` writing to `run` with small batches, one thread, and `extra` flags.
    private func train(_ run: URL, _ extra: [String]) -> [String] {
        ["train", "gan", "--batch-size", "8", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", run.path] + extra
    }

    @Test func runKilledMidwayResumesToTheSameBytesAsAnUninterruptedOne() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = root.appendingPathComponent("whole"), killed = root.appendingPathComponent("killed")
        let flags = ["--steps", "60", "--checkpoint-every-steps", "5"]
        let uninterrupted = try LatentProcess(train(whole, flags), in: root)
        let victim = try LatentProcess(train(killed, flags), in: root)
        let checkpointed = waitUntil(seconds: 120) { (latestCheckpointStep(killed) ?? 0) > 0 }
        victim.send(SIGKILL)
        victim.wait()
        #expect(checkpointed)
        #expect(victim.process.terminationReason == .uncaughtSignal)
        let killedAt = try #require(latestCheckpointStep(killed))
        #expect(killedAt > 0 && killedAt < 60)
        #expect(try RunStatus.read(run: killed).status == .running)

        let resumed = try LatentProcess.run(train(killed, flags + ["--resume"]), in: root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Resumed from the checkpoint of step \(killedAt)"))
        #expect(uninterrupted.wait() == 0, "\(uninterrupted.stderr)")

        let expected = try latestCheckpointFiles(whole)
        #expect(Set(expected.keys).isSuperset(of: ["generator.safetensors", "discriminator.safetensors", "manifest.json"]))
        #expect(try latestCheckpointFiles(killed) == expected)
        #expect(latestCheckpointStep(killed) == 60)

        let wholeLines = try metricsLines(whole), killedLines = try metricsLines(killed)
        let losses = { (lines: [[String: Any]]) in
            lines.filter { $0["event"] == nil }.map { [$0["step"] as? Int, $0["loss_d"] as? Double, $0["loss_g"] as? Double] as [AnyHashable?] }
        }
        #expect(losses(killedLines) == losses(wholeLines))
        #expect(losses(wholeLines).count == 60)
        let events = killedLines.filter { $0["event"] != nil }
        #expect(events.count == 1 && events.first?["event"] as? String == "resumed" && events.first?["step"] as? Int == killedAt)

        let status = try RunStatus.read(run: killed)
        #expect(status.status == .finished && status.steps == 60 && status.finished != nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: killed.path)
        #expect(files.filter { $0.hasPrefix("events.out.tfevents.") }.count == 2)
        #expect(try Data(contentsOf: killed.appendingPathComponent(FixedLatents.relativePath))
            == Data(contentsOf: whole.appendingPathComponent(FixedLatents.relativePath)))
        #expect(FileManager.default.fileExists(atPath: killed.appendingPathComponent("samples/epoch-0001.png").path))
    }

    @Test func sigintStopsWithACheckpointAndStatus130ThenResumeFinishes() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let training = try LatentProcess(train(run, ["--steps", "2000", "--checkpoint-every-steps", "2"]), in: root)
        #expect(waitUntil(seconds: 120) { (latestCheckpointStep(run) ?? 0) >= 2 })
        training.send(SIGINT)
        #expect(training.wait() == 130, "\(training.stderr)")
        let stoppedAt = try #require(latestCheckpointStep(run))
        #expect(stoppedAt >= 2 && stoppedAt < 2000)
        #expect(training.stdout.contains("Stopped by SIGINT after step \(stoppedAt)"))
        #expect(training.stdout.contains("Resume with: latent train gan --out \(run.path) --resume"))
        let status = try RunStatus.read(run: run)
        #expect(status.status == .stopped && status.steps == stoppedAt && status.message?.contains("SIGINT") == true)
        #expect(try metricsLines(run).last?["step"] as? Int == stoppedAt)

        let resumed = try LatentProcess.run(train(run, ["--resume", "--steps", "\(stoppedAt + 3)"]), in: root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(latestCheckpointStep(run) == stoppedAt + 3)
        #expect(try RunStatus.read(run: run).status == .finished)
    }

    @Test func sigtermStopsWithStatus143() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let training = try LatentProcess(train(run, ["--steps", "2000", "--checkpoint-every-steps", "2"]), in: root)
        #expect(waitUntil(seconds: 120) { (latestCheckpointStep(run) ?? 0) >= 2 })
        training.send(SIGTERM)
        #expect(training.wait() == 143, "\(training.stderr)")
        let stoppedAt = try #require(latestCheckpointStep(run))
        #expect(training.stdout.contains("Stopped by SIGTERM after step \(stoppedAt)"))
        #expect(try RunStatus.read(run: run).status == .stopped)

        let other = try LatentProcess.run(train(run, ["--resume", "--seed", "9"]), in: root)
        #expect(other.status == 1)
        #expect(other.stderr.contains("cannot resume a different run: seed is 0 there, 9 here"), "\(other.stderr)")
        let held = try LatentProcess.run(train(run, ["--resume", "--validation-images", "100"]), in: root)
        #expect(held.status == 1 && held.stderr.contains("validation_images is none there, 100 here"), "\(held.stderr)")
        let fresh = try LatentProcess.run(train(run, []), in: root)
        #expect(fresh.status == 1 && fresh.stderr.contains("already holds a run; add --resume"))
    }

    @Test func nonFiniteLossFailsWithStatus1AndRecordsIt() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let result = try LatentProcess.run(
            train(run, ["--steps", "20", "--lr", "generator=1e30", "--lr", "discriminator=1e30"]), in: root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("latent: error: training stopped at step "))
        #expect(result.stderr.contains("not finite"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let status = try RunStatus.read(run: run)
        #expect(status.status == .failed && status.message?.contains("not finite") == true)
    }

    @Test(arguments: [
        (["train", "gan", "--epochs", "0"], "epochs must be at least 1, got 0"),
        (["train", "no-such-model"], "\"no-such-model\""),
        (["train", "gan", "--option", "warp_factor=9"], "\"warp_factor\""),
        (["train", "gan", "--data-dir", "/no/such/mnist"], "/no/such/mnist"),
        (["train", "gan", "--dataset", "cifar-11"], "\"cifar-11\""),
        (["train", "gan", "--lr", "generator=fast"], "\"fast\""),
        (["train", "gan", "--config", "/no/such/config.yaml"], "/no/such/config.yaml"),
        (["train", "gan", "--resume"], "no run to resume"),
        (["sample", "/no/such/run"], "/no/such/run/config.yaml"),
    ])
    func badValuesFailWithOneLineNamingThem(arguments: [String], named: String) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try LatentProcess.run(arguments, in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains(named), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("latent: error: ") && result.stderr.split(separator: "\n").count == 1)
        // Nothing is written for a run that cannot start.
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("runs").path))
    }
}
