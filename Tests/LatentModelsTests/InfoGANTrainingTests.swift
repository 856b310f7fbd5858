import Foundation
import LatentData
import LatentModels
import LatentNN
import Testing

// InfoGAN trained: resuming bit for bit, and Q's categorical code finding the clusters of a synthetic mixture.
// Serialized: the trainer sets the global generator and thread count.

@Suite(.serialized) struct InfoGANTrainingTests {
    /// The catalog's infogan with small noise, its parameters drawn from the configuration's seed.
    private func infogan(_ configuration: RunConfiguration) throws -> any Trainable {
        let game = try ModelCatalog.entry(named: "infogan").makeModel(configuration)
        for (index, part) in game.modules.enumerated() { reinitialize(part.module, seed: configuration.seed + UInt64(index)) }
        return game
    }

    @Test func resumedRunEndsBitIdenticalToAnUninterruptedOne() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var configuration = RunConfiguration(
            model: "infogan", dataset: "tiny", epochs: 2, batchSize: 4, seed: 7, threads: 1, learningRates: [:],
            checkpointEverySteps: 2, keepCheckpoints: 2)
        configuration.options = ["learned_std": "true", "categorical": "10,3"]
        var random = RandomGenerator(seed: 8)
        let images = Tensor.uniform([8, 1, 28, 28], low: -1, high: 1, generator: &random)
        func loader() throws -> DataLoader { try DataLoader(images, batchSize: 4, shuffle: true, dropLast: true, seed: 3) }

        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration, data: try loader(), makeModel: infogan)
        try whole.train()
        #expect(whole.completedSteps == 4)
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try loader(), makeModel: infogan)
            for _ in 0..<3 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try loader(), resume: true, makeModel: infogan)
        #expect(resumed.completedSteps == 2)
        try resumed.train()
        for (a, b) in zip(whole.model.modules, resumed.model.modules) {
            #expect(a.name == b.name && bits(a.module) == bits(b.module), "\(a.name) differs after resuming")
        }
        #expect(whole.model.modules.map(\.name) == ["discriminator", "generator"])
        #expect(whole.model.modules.first?.module.stateDict().contains { $0.0.hasPrefix("q.") } == true)
        for (a, b) in zip(whole.model.optimizers, resumed.model.optimizers) { #expect(bits(a.optimizer) == bits(b.optimizer)) }
        let keys = ["loss_g_info", "mi_categorical", "mi_continuous"]
        let wholeLogs = try metricsRecords(whole.directory).map { record in keys.map { record[$0] as? Double } }
        let partedLogs = try metricsRecords(parted).filter { $0["event"] == nil }.map { record in keys.map { record[$0] as? Double } }
        #expect(wholeLogs == partedLogs && wholeLogs.allSatisfy { $0.allSatisfy { $0 != nil } })
    }

    @Test func qFindsTheFourClustersOfASyntheticMixture() throws {
        let centres: [(Float, Float)] = [(-3, -3), (-3, 3), (3, -3), (3, 3)]
        func points(_ count: Int, _ random: inout RandomGenerator) -> (Tensor, [Int]) {
            let labels = (0..<count).map { $0 % 4 }
            let jitter = Tensor.randn([count, 2], std: 0.2, generator: &random).values
            let values = labels.enumerated().flatMap { index, label in [centres[label].0 + jitter[2 * index], centres[label].1 + jitter[2 * index + 1]] }
            return (Tensor(values, shape: [count, 2]), labels)
        }
        let prior = InfoGANPrior(noiseSize: 2, categorical: [4], continuous: 0)
        let generator = Sequential(Linear(prior.width, 64), ReLU(), Linear(64, 64), ReLU(), Linear(64, 2))
        let discriminator = InfoGANDiscriminator(
            trunk: Sequential(Linear(2, 64), LeakyReLU(negativeSlope: 0.2), Linear(64, 64), LeakyReLU(negativeSlope: 0.2)),
            featureSize: 64, prior: prior, qHiddenSize: 16)
        reinitialize(generator, seed: 1)
        reinitialize(discriminator, seed: 2)
        let information = { (key: String, logs: Bool) in InformationLoss(prior: prior, key: key, logsBounds: logs) }
        let terms = AdversarialGame<CodedSample>.objectiveTerms(NonSaturatingObjective(), options: GANOptions())
        let game = AdversarialGame(
            generator: generator, generatorOptimizer: Adam(learningRate: 1e-3, betas: (0.5, 0.999)),
            discriminator: discriminator, discriminatorOptimizer: Adam(learningRate: 1e-3, betas: (0.5, 0.999)),
            prior: prior, sides: InfoGANSides(prior: prior), objective: NonSaturatingObjective(),
            discriminatorTerms: terms.discriminator + [information("loss_d_info", false)],
            generatorTerms: terms.generator + [information("loss_g_info", true)], latentShape: [prior.width])
        var data = RandomGenerator(seed: 3), random = RandomGenerator(seed: 4)
        var last: StepOutcome?
        for _ in 0..<1500 { last = game.step(real: points(64, &data).0, generator: &random) }
        let (test, labels) = points(400, &data)
        let logits = try #require(discriminator.inEvaluationMode { discriminator.heads(CodedSample(images: test, codes: nil)).others[.categoricalLogits(0)] })
        let clusters = logits.argmax(axis: 1).values.map { Int($0) }
        #expect(Self.bestMatchAccuracy(clusters, labels, classes: 4) >= 0.99, "mi_categorical \(String(describing: last?.measurements["mi_categorical"]))")
    }

    /// The share of `clusters` equal to `labels` under the best one-to-one renaming of the clusters.
    static func bestMatchAccuracy(_ clusters: [Int], _ labels: [Int], classes: Int) -> Double {
        func permutations(_ items: [Int]) -> [[Int]] {
            items.count <= 1 ? [items] : items.indices.flatMap { index in
                permutations(items.enumerated().filter { $0.offset != index }.map(\.element)).map { [items[index]] + $0 }
            }
        }
        let best = permutations(Array(0..<classes)).map { mapping in zip(clusters, labels).filter { mapping[$0] == $1 }.count }.max() ?? 0
        return Double(best) / Double(labels.count)
    }
}
