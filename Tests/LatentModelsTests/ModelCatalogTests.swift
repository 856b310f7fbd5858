import LatentModels
import LatentNN
import Testing

// Every model of the catalog builds and takes a step.

@Suite struct ModelCatalogTests {
    @Test func everyModelTakesAStepOnImagesOfItsShape() throws {
        for entry in ModelCatalog.builtIn {
            let configuration = RunConfiguration(model: entry.name, dataset: "test", epochs: 1, batchSize: 2, seed: 1,
                                                 learningRates: [:])
            let model = try entry.makeModel(configuration)
            #expect(model.optimizers.map(\.optimizer.learningRate).allSatisfy { $0 > 0 })
            var data = RandomGenerator(seed: 2), noise = RandomGenerator(seed: 3)
            let low: Float = entry.scaling == .zeroToOne ? 0 : -1
            let real = Tensor.uniform([2] + entry.sampleShape, low: low, high: 1, generator: &data)
            let outcome = model.step(real: real, labels: [0, 1], generator: &noise)
            let finite = outcome.losses.values.allSatisfy { $0.isFinite }
            #expect(finite, "\(entry.name)")
        }
        #expect(throws: TrainingError.self) { _ = try ModelCatalog.entry(named: "no-such-model") }
    }
}
