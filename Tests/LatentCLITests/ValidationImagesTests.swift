import Foundation
import LatentData
import LatentModels
import Testing

@testable import LatentCLIKit

/// `latent train --validation-images N`: the run trains on the training split without its last N images and
/// measures itself on those N instead of on the test split.
@Test func validationImagesAreTheTrainingSplitsLastImages() throws {
    let entry = try ModelCatalog.entry(named: "vae")
    var configuration = Train.defaults(entry)
    configuration.dataDirectory = LatentProcess.mnist
    configuration.validationImages = 1000
    let all = try #require(try DatasetCatalog().load("mnist", split: .train, dataDirectory: LatentProcess.mnist).images)
    let training = try TrainingData.inputs(for: entry, configuration: configuration).data
    #expect(training.count == all.count - 1000)
    let trainingLabels = (0..<training.batchesPerEpoch).flatMap { training.batch(epoch: 0, index: $0).labels }
    #expect(trainingLabels.sorted() == all.labels.prefix(all.count - 1000).sorted())
    let heldOut = try #require(try TrainingData.heldOut(for: entry, configuration: configuration, model: entry.makeModel(configuration))).data
    let heldOutLabels = (0..<heldOut.batchesPerEpoch).flatMap { heldOut.batch(epoch: 0, index: $0).labels }
    #expect(heldOutLabels == Array(all.labels.suffix(1000)))
}

@Test func holdingOutEveryTrainingImageIsAClearError() throws {
    let entry = try ModelCatalog.entry(named: "vae")
    var configuration = Train.defaults(entry)
    configuration.dataDirectory = LatentProcess.mnist
    configuration.validationImages = 60_000
    let error = #expect(throws: CommandFailure.self) { try TrainingData.inputs(for: entry, configuration: configuration) }
    #expect(error.map { $0.message.contains("--validation-images 60000: the training split of mnist has 60000 images; hold out at most 59999") } == true,
            "\(String(describing: error))")
}

@Test func validationImagesRoundTripThroughConfigYAML() throws {
    var configuration = Train.defaults(try ModelCatalog.entry(named: "vae"))
    configuration.validationImages = 10_000
    #expect(configuration.yaml.contains("validation_images: 10000\n"))
    #expect(try RunConfiguration(yaml: configuration.yaml) == configuration)
    configuration.validationImages = nil
    #expect(!configuration.yaml.contains("validation_images"))
    #expect(try RunConfiguration(yaml: configuration.yaml).validationImages == nil)
    configuration.validationImages = 0
    #expect(throws: TrainingError.self) { try configuration.validate() }
}
