import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport
import LatentTestSupport
import Testing

// The monitor watching a real Trainer on a tiny GAN with batch norm in both networks (whose running
// statistics would change if the monitor looked at them in training mode): 32 images of 1×4×4, batches of
// 8, so 4 steps per epoch.

@Suite(.serialized) struct MonitorTrainingTests {
    private func configuration(epochs: Int = 3) -> RunConfiguration {
        RunConfiguration(
            model: "tiny-gan", dataset: "tiny", epochs: epochs, batchSize: 8, seed: 7, threads: 1, learningRates: [:],
            checkpointEverySteps: 5, keepCheckpoints: 2, sampleEveryEpochs: 2)
    }

    private func loader() throws -> DataLoader {
        var generator = RandomGenerator(seed: 5)
        return try DataLoader(Tensor.uniform([32, 1, 4, 4], low: -1, high: 1, generator: &generator), batchSize: 8,
                              shuffle: true, dropLast: true, seed: 3)
    }

    /// A GAN whose weights come from its own seeded generator, not the global one other tests share.
    private func tinyGAN(_ configuration: RunConfiguration) -> any Trainable {
        let generator = Sequential(Linear(4, 16), BatchNorm1d(16), ReLU(), Linear(16, 16), Tanh())
        let discriminator = Sequential(Linear(16, 8), BatchNorm1d(8), LeakyReLU(negativeSlope: 0.2), Linear(8, 1))
        var random = RandomGenerator(seed: configuration.seed)
        for parameter in generator.namedParameters() + discriminator.namedParameters() {
            parameter.tensor.withMutableValues { values in
                for i in values.indices { values[i] = (random.nextUniform() - 0.5) * 0.6 }
            }
        }
        return GAN(generator: generator, discriminator: discriminator,
                   generatorOptimizer: Adam(learningRate: 1e-3, betas: (0.5, 0.999)),
                   discriminatorOptimizer: Adam(learningRate: 1e-3, betas: (0.5, 0.999)),
                   objective: NonSaturatingObjective(), latentShape: [4])
    }

    private func monitor(_ trainer: Trainer, resumed: Bool) throws -> TrainingMonitor {
        try TrainingMonitor(trainer: trainer, sampleShape: [1, 4, 4], pixelRange: .minusOneToOne, resumed: resumed)
    }

    /// Trains `trainer` to the end, recording every step with `monitor`.
    private func train(_ trainer: Trainer, _ monitor: TrainingMonitor) throws {
        var failure: (any Error)?
        try trainer.train { record in
            do { try monitor.record(record) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func states(_ trainer: Trainer) -> [String: [UInt32]] {
        var result: [String: [UInt32]] = [:]
        for (name, module) in trainer.model.modules {
            for (key, tensor) in module.stateDict() { result[name + "." + key] = tensor.values.map(\.bitPattern) }
        }
        return result
    }

    private func eventFiles(_ run: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasPrefix("events.out.tfevents.") }.sorted()
            .map { run.appendingPathComponent($0) }
    }

    @Test func monitoredRunEqualsAnUnmonitoredOneAndSavesTheScheduledEpochs() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = try Trainer(directory: root.appendingPathComponent("plain"), configuration: configuration(),
                                data: try loader(), makeModel: tinyGAN)
        try plain.train()
        let run = root.appendingPathComponent("monitored")
        let trainer = try Trainer(directory: run, configuration: configuration(), data: try loader(), makeModel: tinyGAN)
        let monitor = try monitor(trainer, resumed: false)
        #expect(try RunStatus.read(run: run).status == .running)
        try train(trainer, monitor)
        try monitor.finish(.finished)

        let unchanged = states(trainer) == states(plain)
        #expect(unchanged, "the monitor changed the parameters or batch-norm statistics")
        #expect(trainer.noise == plain.noise)
        #expect(trainer.model.modules.allSatisfy { $0.module.training })

        let manager = FileManager.default
        // Epochs 1 (a milestone), 2 (every 2nd) and 3 (the last).
        #expect(try manager.contentsOfDirectory(atPath: run.appendingPathComponent("samples").path).sorted()
            == ["epoch-0001.png", "epoch-0002.png", "epoch-0003.png", "z.safetensors"])
        #expect(try manager.contentsOfDirectory(atPath: run.appendingPathComponent("histograms").path).sorted()
            == ["epoch-0001.json", "epoch-0002.json", "epoch-0003.json"])
        let grid = try PNG.decode([UInt8](try Data(contentsOf: run.appendingPathComponent("samples/epoch-0003.png"))))
        #expect(grid.width == 8 * 6 + 2 && grid.height == 8 * 6 + 2)
        #expect(try SafeTensors(contentsOf: run.appendingPathComponent(FixedLatents.relativePath)).shape("z") == [64, 4])

        let histogram = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: run.appendingPathComponent("histograms/epoch-0002.json"))) as? [String: Any])
        let real = try #require(histogram["d_real"] as? [String: Any])
        #expect((real["counts"] as? [Double])?.reduce(0, +) == 8)
        #expect(((histogram["d_fake"] as? [String: Any])?["counts"] as? [Double])?.reduce(0, +) == 64)

        let status = try RunStatus.read(run: run)
        #expect(status.status == .finished && status.steps == 12 && status.epochs == 3 && status.finished != nil)
        #expect(status.seconds > 0 && status.model == "tiny-gan" && status.dataset == "tiny")

        let events = try eventFiles(run)
        #expect(events.count == 1)
        let bytes = try Data(contentsOf: events[0])
        for tag in ["loss_d", "d_accuracy_real", "lr_generator", "samples", "discriminator/d_fake", "weights/generator/1.weight"] {
            #expect(bytes.range(of: Data(tag.utf8)) != nil, "no \(tag) in the event file")
        }
    }

    @Test func aMonitorGivenAsACallbackRecordsStepsAndEvaluations() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let byHand = root.appendingPathComponent("by-hand"), byCallback = root.appendingPathComponent("by-callback")
        let first = try Trainer(directory: byHand, configuration: configuration(), data: try loader(), makeModel: tinyGAN)
        let firstMonitor = try monitor(first, resumed: false)
        try train(first, firstMonitor)
        try firstMonitor.finish(.finished)

        let trainer = try Trainer(directory: byCallback, configuration: configuration(), data: try loader(), makeModel: tinyGAN)
        let callback = try monitor(trainer, resumed: false)
        try trainer.train(callbacks: [callback]) { record in
            if record.step == 8 { try? trainer.log(evaluation: ["val_score": 0.5]) }
        }
        try callback.finish(.finished)

        for grid in ["samples/epoch-0001.png", "samples/epoch-0003.png"] {
            let same = try Data(contentsOf: byCallback.appendingPathComponent(grid)) == Data(contentsOf: byHand.appendingPathComponent(grid))
            #expect(same, "\(grid)")
        }
        let status = try RunStatus.read(run: byCallback)
        #expect(status.status == .finished && status.steps == 12 && status.epochs == 3)
        let events = try Data(contentsOf: try #require(try eventFiles(byCallback).first))
        #expect(events.range(of: Data("val_score".utf8)) != nil && events.range(of: Data("loss_g".utf8)) != nil)
    }

    @Test func resumedMonitorKeepsTheStartAndLatentsAndMarksTheNewSession() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        do {
            let first = try Trainer(directory: run, configuration: configuration(), data: try loader(), makeModel: tinyGAN)
            let monitor = try monitor(first, resumed: false)
            for _ in 0..<7 { try monitor.record(try first.trainStep()) }
        }
        let before = try RunStatus.read(run: run)
        let latents = try Data(contentsOf: run.appendingPathComponent(FixedLatents.relativePath))

        let trainer = try Trainer(directory: run, configuration: configuration(), data: try loader(), resume: true, makeModel: tinyGAN)
        #expect(trainer.completedSteps == 5)
        let monitor = try monitor(trainer, resumed: true)
        #expect(monitor.status.started == before.started && monitor.status.steps == 5)
        try train(trainer, monitor)
        try monitor.finish(.finished)
        #expect(try Data(contentsOf: run.appendingPathComponent(FixedLatents.relativePath)) == latents)
        let status = try RunStatus.read(run: run)
        #expect(status.status == .finished && status.steps == 12 && status.started == before.started)
        #expect(status.seconds >= before.seconds)

        let events = try eventFiles(run)
        #expect(events.count == 2)
        let sessionStart = Data(Event.sessionStart(step: 6, wallTime: 0).dropFirst(9))
        let marked = try events.filter { try Data(contentsOf: $0).range(of: sessionStart) != nil }
        #expect(marked.count == 1)
        let text = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(text.contains("{\"step\":5,\"event\":\"resumed\"}\n{\"step\":6,"))
    }
}
