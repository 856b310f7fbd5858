import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// The shared training loop: learning, metrics, resuming bit for bit, stopping on non-finite losses,
// checkpoint rotation. Serialized: the trainer sets the global generator and thread count.

@Suite(.serialized) struct TrainerTests {
    @Test func ganStepsLowerEachLossOnAFixedBatch() {
        let gan = tinyGAN(tinyConfiguration())
        let real = tinyImages(count: 16).reshaped([16, 64])
        var generator = RandomGenerator(seed: 1)
        for _ in 0..<5 {
            var peek = generator
            let z = gan.noise(count: 16, generator: &peek)
            let fake = withoutGrad { gan.generator(z) }
            let outcome = gan.step(real: real, generator: &generator)
            withoutGrad {
                let dAfter = gan.objective.discriminatorLoss(real: gan.discriminator.heads(real).score, fake: gan.discriminator.heads(fake).score)
                #expect(dAfter.item < outcome.losses["loss_d"]!)
                let gAfter = gan.objective.generatorLoss(fake: gan.discriminator.heads(gan.generator(z)).score)
                #expect(gAfter.item < outcome.losses["loss_g"]!)
            }
        }
    }

    @Test func vaeLowersItsLossOnAFixedBatch() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        // Binary images, so that the reconstruction loss can fall well below that of random targets.
        let images = Tensor(tinyImages(count: 8, low: 0).values.map { $0 > 0.5 ? 1 : 0 }, shape: [8, 1, 8, 8])
        let trainer = try Trainer(
            directory: run, configuration: tinyConfiguration(model: "tiny-vae", epochs: 100, checkpointEvery: 100),
            data: try DataLoader(images, batchSize: 8), makeModel: tinyVAE)
        var losses: [Float] = []
        try trainer.train { losses.append($0.losses["loss"]!) }
        #expect(losses.count == 100)
        let first = losses.prefix(5).reduce(0, +), last = losses.suffix(5).reduce(0, +)
        #expect(last < 0.7 * first)
    }

    @Test func metricsLinesParseAndHoldEveryField() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(
            directory: run, configuration: tinyConfiguration(steps: 5), data: try tinyLoader(), makeModel: tinyGAN)
        try trainer.train()
        let records = try metricsRecords(run)
        #expect(records.count == 5)
        for (index, record) in records.enumerated() {
            #expect(Set(record.keys) == ["step", "epoch", "loss_d", "loss_g", "d_real", "d_fake", "d_accuracy_real", "d_accuracy_fake",
                                         "lr_generator", "lr_discriminator", "images_per_second"])
            #expect(record["step"] as? Int == index + 1)
            #expect(record["epoch"] as? Int == 1)
            let dReal = try #require(record["d_real"] as? Double)
            #expect(dReal > 0 && dReal < 1)
        }
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(try RunConfiguration(yaml: config) == tinyConfiguration(steps: 5))
        #expect(try trainer.checkpoints.latestStep() == 5)
    }

    @Test func resumedRunEndsBitIdenticalToAnUninterruptedOne() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = tinyConfiguration(epochs: 2, checkpointEvery: 3)

        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration,
                                data: try tinyLoader(), makeModel: tinyGAN)
        try whole.train()
        #expect(whole.completedSteps == 16)

        // Seven steps, then the process "dies": the last checkpoint is at step 6.
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try tinyLoader(), makeModel: tinyGAN)
            for _ in 0..<7 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try tinyLoader(),
                                  resume: true, makeModel: tinyGAN)
        #expect(resumed.completedSteps == 6)
        try resumed.train()

        let a = try #require(whole.model as? GAN), b = try #require(resumed.model as? GAN)
        #expect(bits(a.generator) == bits(b.generator))
        #expect(bits(a.discriminator) == bits(b.discriminator))
        #expect(bits(a.generatorOptimizer) == bits(b.generatorOptimizer))
        #expect(bits(a.discriminatorOptimizer) == bits(b.discriminatorOptimizer))
        #expect(whole.noise == resumed.noise)

        let wholeLosses = try metricsRecords(whole.directory).map { [$0["step"] as? Int, $0["loss_g"] as? Double] as [AnyHashable?] }
        let partedRecords = try metricsRecords(parted)
        let partedLosses = partedRecords.filter { $0["event"] == nil }.map { [$0["step"] as? Int, $0["loss_g"] as? Double] as [AnyHashable?] }
        #expect(wholeLosses == partedLosses)
        let events = partedRecords.filter { $0["event"] != nil }
        #expect(events.count == 1 && events.first?["event"] as? String == "resumed" && events.first?["step"] as? Int == 6)
        #expect(partedRecords.firstIndex { $0["event"] != nil } == 6)
    }

    @Test func resumingADifferentRunIsRefused() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(steps: 2), data: try tinyLoader(), makeModel: tinyGAN)
        try trainer.train()
        var other = tinyConfiguration(steps: 2)
        other.seed = 8
        #expect(throws: TrainingError.self) {
            try Trainer(directory: run, configuration: other, data: try tinyLoader(), resume: true, makeModel: tinyGAN)
        }
        #expect(throws: TrainingError.self) {
            try Trainer(directory: run, configuration: tinyConfiguration(steps: 2), data: try tinyLoader(), makeModel: tinyGAN)
        }
    }

    @Test func nonFiniteLossStopsWithACheckpointOfTheLastGoodStep() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        // The sample at position 20 of the first epoch's order (in its third batch) is poisoned with NaN.
        let images = tinyImages()
        let poisoned = try tinyLoader(images).order(epoch: 0)[20], poisonedStep = 3
        images.withMutableValues { $0[poisoned * 64] = .nan }
        let loader = try tinyLoader(images)
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(checkpointEvery: 100),
                                  data: loader, makeModel: tinyGAN)
        var goodState: [String: [UInt32]] = [:]
        var thrown: TrainingError?
        do {
            try trainer.train { _ in goodState = bits((trainer.model as! GAN).generator) }
        } catch let error as TrainingError {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(String(describing: error).contains("step \(poisonedStep)"))
        #expect(trainer.completedSteps == poisonedStep - 1)
        #expect(try trainer.checkpoints.latestStep() == poisonedStep - 1)

        let restored = tinyGAN(tinyConfiguration())
        let checkpoint = try #require(try CheckpointStore(directory: trainer.checkpoints.directory, keep: 2)
            .loadLatest(parts: restored.checkpointParts))
        #expect(checkpoint.step == poisonedStep - 1)
        #expect(bits(restored.generator) == goodState)
        #expect(bits(restored.generator) == bits((trainer.model as! GAN).generator))
        #expect(bits(restored.discriminator).values.allSatisfy { $0.allSatisfy { Float(bitPattern: $0).isFinite } })
    }

    @Test func hugeLearningRateStopsAtTheFirstStep() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let configuration = tinyConfiguration(learningRates: ["generator": 1e30, "discriminator": 1e30])
        let trainer = try Trainer(directory: run, configuration: configuration, data: try tinyLoader(), makeModel: tinyGAN)
        let initial = bits((trainer.model as! GAN).discriminator)
        #expect(throws: TrainingError.self) { try trainer.train() }
        #expect(try trainer.checkpoints.latestStep() == trainer.completedSteps)
        if trainer.completedSteps == 0 { #expect(bits((trainer.model as! GAN).discriminator) == initial) }
    }

    @Test func rotationKeepsTheNewestCheckpoints() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(steps: 11, checkpointEvery: 2, keep: 3),
                                  data: try tinyLoader(), makeModel: tinyGAN)
        try trainer.train()
        #expect(try trainer.checkpoints.savedSteps() == [8, 10, 11])
        #expect(try trainer.checkpoints.latestStep() == 11)
        let manifest = trainer.checkpoints.latest.appendingPathComponent(Checkpoint.manifestName)
        #expect(FileManager.default.fileExists(atPath: manifest.path))
        #expect(FileManager.default.fileExists(atPath: trainer.checkpoints.latest.appendingPathComponent("generator.safetensors").path))
    }

    @Test func aRequestedStopEndsTheLoopWithACheckpoint() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(checkpointEvery: 100),
                                  data: try tinyLoader(), makeModel: tinyGAN)
        let stop = trainer.stopRequest
        try trainer.train { record in if record.step == 4 { stop.request() } }
        #expect(trainer.completedSteps == 4)
        #expect(!trainer.isFinished)
        #expect(try trainer.checkpoints.latestStep() == 4)
    }

    @Test func theBestCheckpointFollowsTheLowestEvaluation() throws {
        let run = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try Trainer(directory: run, configuration: tinyConfiguration(steps: 9, checkpointEvery: 100, keep: 1),
                                  data: try tinyLoader(), makeModel: tinyGAN)
        let values: [Int: Float] = [3: 5, 6: 7, 9: 2]
        var kept: [Int] = []
        try trainer.train { record in
            if let value = values[record.step], try! trainer.keepIfBest(metric: "val_loss", value: value) { kept.append(record.step) }
        }
        #expect(kept == [3, 9])
        #expect(try trainer.checkpoints.bestRecord() == BestCheckpoint(metric: "val_loss", value: 2, step: 9))
        let bestGenerator = trainer.checkpoints.best.appendingPathComponent("generator.safetensors")
        let latestGenerator = trainer.checkpoints.latest.appendingPathComponent("generator.safetensors")
        #expect(try Data(contentsOf: bestGenerator) == Data(contentsOf: latestGenerator))
        #expect(try !trainer.keepIfBest(metric: "val_loss", value: .nan))
        #expect(try trainer.checkpoints.savedSteps() == [9], "the best copy is not a step checkpoint and does not stop rotation")
    }
}
