import Foundation
@testable import LatentNN
import LatentTestSupport
import Testing

// Saving and loading models, optimizers and whole checkpoints.

/// A small model with batch normalization, so that buffers are saved too.
private func makeModel() -> Sequential {
    Sequential(Linear(3, 4), BatchNorm1d(4), LeakyReLU(negativeSlope: 0.2), Linear(4, 2))
}

/// Runs `steps` training steps of `model` with `optimizer` on fixed data.
private func train(_ model: Sequential, _ optimizer: any Optimizer, steps: Int, from start: Int = 0) {
    for step in start..<start + steps {
        var generator = RandomGenerator(seed: UInt64(step))
        let x = Tensor.randn([5, 3], generator: &generator)
        let (_, gradients) = valueAndGrad(of: model) { model in (model(x) * model(x)).mean() }
        optimizer.update(model.namedParameters(), gradients: gradients)
    }
}

private func values(_ model: Module) -> [String: [UInt32]] {
    Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.0, $0.1.values.map(\.bitPattern)) })
}

@Suite struct CheckpointTests {
    @Test func moduleRoundTripIncludesBuffers() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = makeModel()
        train(model, SGD(learningRate: 0.1), steps: 3)
        let file = directory.appendingPathComponent("model.safetensors")
        try model.save(to: file, metadata: ["model": "test"])

        let written = try SafeTensors(contentsOf: file)
        #expect(written.names == model.stateDict().map(\.0))
        #expect(written.info("1.num_batches_tracked")?.dtype == .i64)
        #expect(try written.tensor("1.num_batches_tracked").item == 6)
        #expect(written.metadata == ["model": "test"])

        let restored = makeModel()
        #expect(values(restored) != values(model))
        try restored.load(from: file.path)
        #expect(values(restored) == values(model))
    }

    @Test func loadRefusesAWrongShapeNamingKeyAndShapes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("wide.safetensors")
        try Sequential(Linear(3, 5)).save(to: file)
        let model = Sequential(Linear(3, 4))
        let before = values(model)
        expectError(containing: [file.path, "0.weight", "[4, 3]", "[5, 3]", "0.bias", "[4]", "[5]"]) {
            try model.load(from: file)
        }
        #expect(values(model) == before)
    }

    @Test func loadRefusesMissingAndUnexpectedKeysUnlessNotStrict() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("partial.safetensors")
        try SafeTensors.write([("0.weight", Tensor.ones([4, 3])), ("extra", Tensor([1]))], to: file)
        let model = Sequential(Linear(3, 4))
        expectError(containing: [file.path, "missing keys: 0.bias", "unexpected keys: extra"]) { try model.load(from: file) }
        let keys = try model.load(from: file, strict: false)
        #expect(keys == StateDictKeys(missingKeys: ["0.bias"], unexpectedKeys: ["extra"]))
        #expect(model[0].stateDict()[0].1.values == [Float](repeating: 1, count: 12))
    }

    @Test(arguments: [
        { Adam(learningRate: 0.01, betas: (0.5, 0.999), amsgrad: true) as any Optimizer },
        { SGD(learningRate: 0.05, momentum: 0.9) }, { RMSprop(learningRate: 0.01, momentum: 0.5, centered: true) },
        { AdamW(learningRate: 0.01) },
    ] as [@Sendable () -> any Optimizer])
    func optimizerRoundTripGivesIdenticalNextSteps(_ make: @Sendable () -> any Optimizer) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = makeModel(), optimizer = make()
        train(model, optimizer, steps: 2)
        optimizer.learningRate *= 0.5
        let modelFile = directory.appendingPathComponent("model.safetensors")
        let optimizerFile = directory.appendingPathComponent("optimizer.safetensors")
        try model.save(to: modelFile)
        try optimizer.save(to: optimizerFile)

        let restoredModel = makeModel(), restoredOptimizer = make()
        try restoredModel.load(from: modelFile)
        try restoredOptimizer.load(from: optimizerFile, for: restoredModel)
        #expect(restoredOptimizer.step == 2)
        #expect(restoredOptimizer.learningRate == optimizer.learningRate)
        train(model, optimizer, steps: 3, from: 2)
        train(restoredModel, restoredOptimizer, steps: 3, from: 2)
        #expect(values(restoredModel) == values(model))
    }

    @Test func optimizerLoadRefusesOtherKindsAndShapes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = makeModel(), sgd = SGD(learningRate: 0.1, momentum: 0.9)
        train(model, sgd, steps: 1)
        let file = directory.appendingPathComponent("sgd.safetensors")
        try sgd.save(to: file)
        expectError(containing: [file.path, "optimizer SGD, not Adam"]) { try Adam().load(from: file, for: model) }
        expectError(containing: [file.path, "1.bias.momentum_buffer is for no parameter"]) {
            try SGD(learningRate: 0.1).load(from: file, for: Sequential(Linear(3, 4)).self)
        }
        let wide = Sequential(Linear(3, 5), BatchNorm1d(5), LeakyReLU(), Linear(5, 2))
        expectError(containing: [file.path, "0.bias.momentum_buffer has shape [4] but needs [5]"]) {
            try SGD(learningRate: 0.1).load(from: file, for: wide)
        }
        let odd = directory.appendingPathComponent("odd.safetensors")
        try SafeTensors.write([.init("0.weight.velocity", Tensor.zeros([4, 3])), .init("step", Tensor(scalar: 1), dtype: .i64)],
                              metadata: ["optimizer": "SGD", "learning_rate": "0.1"], to: odd)
        let fresh = SGD(learningRate: 0.1)
        expectError(containing: [odd.path, "unexpected entry 0.weight.velocity"]) { try fresh.load(from: odd, for: model) }
        #expect(fresh.step == 0)
    }

    @Test func checkpointRoundTripResumesExactly() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let latest = directory.appendingPathComponent("checkpoints/latest")
        let generator = makeModel(), discriminator = makeModel()
        let gOptimizer = Adam(learningRate: 0.01), dOptimizer = SGD(learningRate: 0.1, momentum: 0.5)
        train(generator, gOptimizer, steps: 2)
        train(discriminator, dOptimizer, steps: 3)
        var random = RandomGenerator(seed: 42)
        _ = random.nextUInt64()
        let checkpoint = Checkpoint(step: 5, epoch: 1, random: ["global": random, "data": RandomGenerator(seed: 7)],
                                    metadata: ["model": "test"])
        func parts(_ g: Sequential, _ d: Sequential, _ gOpt: any Optimizer, _ dOpt: any Optimizer) -> [String: Checkpoint.Part] {
            ["generator": .module(g), "discriminator": .module(d),
             "generator_optimizer": .optimizer(gOpt, for: g), "discriminator_optimizer": .optimizer(dOpt, for: d)]
        }
        try checkpoint.save(to: latest, parts: parts(generator, discriminator, gOptimizer, dOptimizer))
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: latest.path)) == [
            "manifest.json", "generator.safetensors", "discriminator.safetensors",
            "generator_optimizer.safetensors", "discriminator_optimizer.safetensors",
        ])

        let g2 = makeModel(), d2 = makeModel(), gOpt2 = Adam(learningRate: 0.01), dOpt2 = SGD(learningRate: 0.1, momentum: 0.5)
        let loaded = try Checkpoint.load(from: latest, parts: parts(g2, d2, gOpt2, dOpt2))
        #expect(loaded == checkpoint)
        #expect(values(g2) == values(generator) && values(d2) == values(discriminator))
        train(generator, gOptimizer, steps: 2, from: 10)
        train(g2, gOpt2, steps: 2, from: 10)
        train(discriminator, dOptimizer, steps: 2, from: 10)
        train(d2, dOpt2, steps: 2, from: 10)
        #expect(values(g2) == values(generator) && values(d2) == values(discriminator))
    }

    @Test func checkpointRefusesMismatchedFilesAndChangesNothing() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generator = makeModel(), optimizer = Adam()
        train(generator, optimizer, steps: 1)
        let parts: [String: Checkpoint.Part] = ["generator": .module(generator), "optimizer": .optimizer(optimizer, for: generator)]
        try Checkpoint(step: 1, epoch: 0).save(to: directory, parts: parts)

        let fresh = makeModel(), freshOptimizer = Adam()
        let before = values(fresh)
        expectError(containing: ["manifest.json", "has parts optimizer that were not given", "parts extra are not in the checkpoint"]) {
            _ = try Checkpoint.load(from: directory, parts: ["generator": .module(fresh), "extra": .module(fresh)])
        }
        // A save interrupted after rewriting one file leaves it out of step with the manifest.
        let wrongShape = Sequential(Linear(3, 4), BatchNorm1d(4), LeakyReLU(), Linear(4, 3))
        let trained = makeModel()
        train(trained, SGD(learningRate: 0.1), steps: 1)
        try Checkpoint(step: 2, epoch: 0).save(to: directory.appendingPathComponent("other"),
                                               parts: ["discriminator": .module(trained), "generator": .module(wrongShape)])
        try FileManager.default.removeItem(at: directory.appendingPathComponent("generator.safetensors"))
        try FileManager.default.copyItem(at: directory.appendingPathComponent("other/generator.safetensors"),
                                         to: directory.appendingPathComponent("generator.safetensors"))
        expectError(containing: ["generator.safetensors", "does not match the manifest"]) {
            _ = try Checkpoint.load(from: directory, parts: ["generator": .module(fresh), "optimizer": .optimizer(freshOptimizer, for: fresh)])
        }
        // With a consistent manifest the wrong shape is caught, and the discriminator, loaded first, is put back.
        let manifest = directory.appendingPathComponent("other/manifest.json")
        let freshDiscriminator = makeModel()
        let discriminatorBefore = values(freshDiscriminator)
        expectError(containing: ["other/generator.safetensors", "shape mismatch for 3.weight"]) {
            _ = try Checkpoint.load(from: manifest.deletingLastPathComponent(),
                                    parts: ["discriminator": .module(freshDiscriminator), "generator": .module(fresh)])
        }
        #expect(values(freshDiscriminator) == discriminatorBefore)
        #expect(values(fresh) == before)
        #expect(freshOptimizer.stateDict().keys.sorted() == ["step"])
        try Data("{\"format\": 3}".utf8).write(to: manifest)
        expectError(containing: [manifest.path, "not a valid checkpoint manifest"]) {
            _ = try Checkpoint.load(from: manifest.deletingLastPathComponent(), parts: [:])
        }
    }
}
