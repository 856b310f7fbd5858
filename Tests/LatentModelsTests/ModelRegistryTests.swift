import Foundation
import Synchronization
import LatentModels
import LatentNN
import Testing

// Models registered from outside LatentModels: found by name, refused when their name is taken, safe to
// register from many threads. Every test registers names of its own, since the registry lives as long as the process.

/// An entry called `name` (with `aliases`) for the tiny VAE of the training tests.
private func tinyEntry(_ name: String, aliases: [String] = []) -> ModelEntry {
    ModelEntry(name: name, aliases: aliases, summary: "a test model", sampleShape: [1, 8, 8], scaling: .zeroToOne,
               defaultEpochs: 1, defaultBatchSize: 8, defaultLearningRates: ["model": 1e-2]) { settings in
        VAE(model: MLPVAE(inputShape: [1, 8, 8], hiddenSize: 4, latentSize: 2),
            optimizer: Adam(learningRate: settings.learningRate("model")))
    }
}

@Suite struct ModelRegistryTests {
    @Test func aRegisteredModelIsFoundByNameAndAliasAndBuilds() throws {
        try ModelCatalog.register(tinyEntry("registry-test-vae", aliases: ["registry-test-alias"]))
        let entry = try ModelCatalog.entry(named: "registry-test-alias")
        #expect(entry.name == "registry-test-vae")
        #expect(ModelCatalog.all.map(\.name).contains("registry-test-vae"))
        #expect(!ModelCatalog.builtIn.map(\.name).contains("registry-test-vae"))
        let configuration = RunConfiguration(model: entry.name, dataset: "test", epochs: 1, batchSize: 2, seed: 1, learningRates: [:])
        #expect(try entry.makeModel(configuration).optimizers.map(\.optimizer.learningRate) == [1e-2])
    }

    @Test func entriesKnowTheModuleThatDefinedThem() throws {
        #expect(tinyEntry("registry-test-module").module == "LatentModelsTests")
        #expect(try ModelCatalog.entry(named: "dcgan").module == "LatentModels")
        #expect(Set(ModelCatalog.builtIn.map(\.module)) == ["LatentModels"])
    }

    @Test func aTakenNameIsRefusedNamingItsHolder() throws {
        #expect(throws: ModelCatalogError.duplicateName("dcgan-mnist", heldBy: "dcgan", module: "LatentModels")) {
            try ModelCatalog.register(tinyEntry("registry-test-taken", aliases: ["dcgan-mnist"]))
        }
        #expect(throws: TrainingError.self) { _ = try ModelCatalog.entry(named: "registry-test-taken") }
        try ModelCatalog.register(tinyEntry("registry-test-twice"))
        #expect(throws: ModelCatalogError.duplicateName("registry-test-twice", heldBy: "registry-test-twice", module: "LatentModelsTests")) {
            try ModelCatalog.register(tinyEntry("registry-test-twice"))
        }
        #expect(ModelCatalog.all.filter { $0.name == "registry-test-twice" }.count == 1)
        let message = "\(ModelCatalogError.duplicateName("gan", heldBy: "gan", module: "LatentModels"))"
        #expect(message == "cannot register model \"gan\": the name is taken by model gan (defined in LatentModels); choose another name")
    }

    @Test func aNameACommandLineCannotCarryIsRefused() {
        #expect(throws: ModelCatalogError.invalidName("my model")) { try ModelCatalog.register(tinyEntry("my model")) }
        #expect(throws: ModelCatalogError.invalidName("")) { try ModelCatalog.register(tinyEntry("registry-test-ok", aliases: [""])) }
        #expect(throws: TrainingError.self) { _ = try ModelCatalog.entry(named: "registry-test-ok") }
    }

    @Test func registrationsFromManyThreadsAllLandOnce() {
        let names = (0..<64).map { "registry-test-thread-\($0)" }
        let refusals = Mutex(0)
        // Every name is registered by two iterations running at the same time: exactly one of them must win.
        DispatchQueue.concurrentPerform(iterations: 2 * names.count) { iteration in
            do {
                try ModelCatalog.register(tinyEntry(names[iteration / 2]))
            } catch {
                refusals.withLock { $0 += 1 }
            }
        }
        #expect(refusals.withLock { $0 } == names.count)
        let registered = ModelCatalog.all.map(\.name).filter { $0.hasPrefix("registry-test-thread-") }
        #expect(registered.sorted() == names.sorted())
    }
}
