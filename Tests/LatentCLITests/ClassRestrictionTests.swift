import Foundation
import LatentData
import LatentModels
import Testing

@testable import LatentCLIKit

/// `latent train --classes`: the training and held-out loaders hold the chosen classes' images alone.
@Test func classesRestrictTheTrainingAndHeldOutLoaders() throws {
    let entry = try ModelCatalog.entry(named: "vae")
    var configuration = Train.defaults(entry)
    configuration.dataDirectory = LatentProcess.mnist
    configuration.classes = [3, 7]
    let training = try TrainingData.inputs(for: entry, configuration: configuration).data
    let all = try #require(try DatasetCatalog().load("mnist", split: .train, dataDirectory: LatentProcess.mnist).images)
    #expect(training.count == all.labels.filter { $0 == 3 || $0 == 7 }.count)
    let labels = (0..<training.batchesPerEpoch).flatMap { training.batch(epoch: 0, index: $0).labels }
    #expect(Set(labels) == [3, 7] && labels.count == training.count)
    let heldOut = try #require(try TrainingData.heldOut(for: entry, configuration: configuration, model: entry.makeModel(configuration))).data
    let heldOutLabels = (0..<heldOut.batchesPerEpoch).flatMap { heldOut.batch(epoch: 0, index: $0).labels }
    #expect(Set(heldOutLabels) == [3, 7])
}

@Test func classesRoundTripThroughConfigYAML() throws {
    var configuration = Train.defaults(try ModelCatalog.entry(named: "vae"))
    configuration.classes = [1, 7]
    #expect(configuration.yaml.contains("classes: 1,7\n"))
    #expect(try RunConfiguration(yaml: configuration.yaml) == configuration)
    configuration.classes = nil
    #expect(try RunConfiguration(yaml: configuration.yaml).classes == nil)
    configuration.classes = [7, 1]
    #expect(throws: TrainingError.self) { try configuration.validate() }
    #expect(try RunConfiguration.classList("7, 1,7") == [1, 7])
}
