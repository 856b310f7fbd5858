import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// CycleGAN on the one game: the history pool, the schedule, a step training all three players, the grids,
// and resuming bit for bit in the middle of the learning rate's decay. Serialized: the trainer sets the
// global generator and thread count.

@Suite(.serialized) struct CycleGANTests {
    /// Images `[count, 1, 1, 1]` holding `first`, `first` + 1, …
    private func numbered(_ first: Int, count: Int) -> Tensor {
        Tensor((first..<(first + count)).map(Float.init), shape: [count, 1, 1, 1])
    }

    @Test func thePoolFillsThenSwapsHalfTheTimeForAStoredImage() {
        let pool = ImagePool(capacity: 3, imageShape: [1, 1, 1])
        var random = RandomGenerator(seed: 4)
        #expect(pool.query(numbered(0, count: 2), random: &random).values == [0, 1])
        // The third image fills the pool; the fourth finds it full and is swapped or passed.
        var replay = random
        let out = pool.query(numbered(2, count: 2), random: &random).values
        let swaps = replay.nextUniform() > 0.5
        let expected: Float = swaps ? Float(replay.nextInt(below: 3)) : 3
        #expect(out == [2, expected])
        #expect(pool.count.item == 3)
        // Over many images about half are swapped for stored ones, each stored image being an earlier input.
        let many = pool.query(numbered(100, count: 2000), random: &random).values
        let swapped = zip(many, 100..<2100).filter { $0 != Float($1) }.count
        #expect((900...1100).contains(swapped))
        #expect(pool.images.values.allSatisfy { $0 < 2100 } && Set(pool.images.values).count == 3)
        #expect(ImagePool(capacity: 0, imageShape: [1, 1, 1]).query(numbered(5, count: 2), random: &random).values == [5, 6])
    }

    @Test func theLearningRateStaysThenFallsLinearly() {
        let schedule = LinearDecayLR(baseLearningRate: 2, constantSteps: 3, decaySteps: 3)
        // 1 − max(0, step + 1 − 3) / 4: the official lambda rule counted in steps (3 constant, then 3 decaying).
        #expect((0..<8).map { schedule.learningRate(at: $0) } == [2, 2, 2, 1.5, 1, 0.5, 0, 0])
        let falling = LinearDecayLR.falling(baseLearningRate: 2, constantSteps: 3, decaySteps: 3)
        #expect(falling.map { falling in (0..<8).map { falling.learningRate(at: $0) } } == [2, 2, 2, 1.5, 1, 0.5, 0, 0])
        #expect(LinearDecayLR.falling(baseLearningRate: 2, constantSteps: 3, decaySteps: 0) == nil, "no decay steps: a constant rate")
    }

    /// The catalog's cyclegan at its smallest.
    private func configuration(epochs: Int = 1) -> RunConfiguration {
        var configuration = RunConfiguration(
            model: "cyclegan", dataset: "mnist-inverse", epochs: epochs, batchSize: 2, seed: 3, threads: 1, learningRates: [:],
            checkpointEverySteps: 2, keepCheckpoints: 2)
        configuration.options = ["ngf": "2", "ndf": "2", "n_blocks": "1", "n_layers_D": "1", "pool_size": "2",
                                 "n_steps": "1", "n_steps_decay": "4"]
        return configuration
    }

    private func batches(_ seed: UInt64) throws -> DataLoader {
        var random = RandomGenerator(seed: seed)
        return try DataLoader(Tensor.uniform([4, 2, 28, 28], low: -1, high: 1, generator: &random), batchSize: 2, shuffle: true, dropLast: true, seed: 3)
    }

    @Test func aStepTrainsBothGeneratorsAndBothDiscriminatorsOnTheirLosses() throws {
        let model = try ModelCatalog.entry(named: "cyclegan").makeModel(configuration())
        #expect(model.modules.map(\.name) == ["discriminator", "generator", "generator_ba"])
        let before = model.modules.map { bits($0.module) }
        var random = RandomGenerator(seed: 1)
        let outcome = model.step(real: try batches(2).batch(epoch: 0, index: 0).inputs, labels: [], generator: &random)
        for key in ["loss_d", "loss_g", "loss_g_gan", "loss_cycle", "loss_idt"] { #expect(outcome.losses[key]?.isFinite == true, "\(key)") }
        for (part, old) in zip(model.modules, before) {
            let changed = bits(part.module).filter { name, _ in !name.contains("pool") }
            #expect(changed != old.filter { name, _ in !name.contains("pool") }, "\(part.name) did not change")
        }
        let discriminatorState = model.modules[0].module.stateDict().map(\.0)
        for key in ["domain_a.0.weight", "domain_b.0.weight", "pool_a.images", "pool_b.count"] { #expect(discriminatorState.contains(key)) }
        #expect(model.modules[1].module.stateDict().map(\.0).contains("model.10.conv_block.1.weight"))
    }

    @Test func theGridsGoThereAndBack() throws {
        let model = try ModelCatalog.entry(named: "cyclegan").makeModel(configuration())
        let translating = try #require(model as? Translating)
        let batch = try batches(2).batch(epoch: 0, index: 0).inputs
        let grids = translating.translationGrids(batch)
        #expect(grids.map(\.name) == ["a_to_b_to_a", "b_to_a_to_b"])
        #expect(grids.allSatisfy { $0.rows.count == 3 && $0.rows.allSatisfy { $0.shape == [2, 1, 28, 28] } })
        #expect(grids[0].rows[0].values == batch.slice(axis: 1, range: 0..<1).values)
        #expect(grids[1].rows[0].values == batch.slice(axis: 1, range: 1..<2).values)
    }

    @Test func aResumedRunEndsBitIdenticalInTheMiddleOfTheDecay() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = configuration(epochs: 2)
        let make = { (c: RunConfiguration) in try ModelCatalog.entry(named: "cyclegan").makeModel(c) }
        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration, data: try batches(2), makeModel: make)
        try whole.train()
        #expect(whole.completedSteps == 4)
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try batches(2), makeModel: make)
            for _ in 0..<3 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try batches(2), resume: true, makeModel: make)
        #expect(resumed.completedSteps == 2)
        try resumed.train()
        for (a, b) in zip(whole.model.modules, resumed.model.modules) {
            #expect(a.name == b.name && bits(a.module) == bits(b.module), "\(a.name) differs after resuming")
        }
        for (a, b) in zip(whole.model.optimizers, resumed.model.optimizers) {
            #expect(bits(a.optimizer) == bits(b.optimizer) && a.optimizer.learningRate == b.optimizer.learningRate)
            // The fourth update ran at 1 − (3 + 1 − 1)/5 of the initial rate.
            #expect(abs(a.optimizer.learningRate - 2e-4 * 0.4) < 1e-9)
        }
    }
}
