import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport
import LatentTestSupport
import Testing

// The monitor of a growing GAN (progan, tiny) keeps one sample grid per resolution: the last one before
// each growth and, at the end, the final resolution's.

@Test func monitorKeepsASampleGridPerResolution() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    // Batch 4 and phases of 4 + 4 images: the resolution doubles every 2 steps, 32×32 from step 7 on.
    let configuration = RunConfiguration(
        model: "progan", dataset: "tiny", epochs: 1, batchSize: 4, seed: 7, learningRates: [:], checkpointEverySteps: 100,
        options: ["lod_training_kimg": "0.004", "lod_transition_kimg": "0.004", "fmap_base": "16", "fmap_max": "8", "latent_size": "8"])
    var generator = RandomGenerator(seed: 5)
    let data = try DataLoader(Tensor.uniform([32, 1, 28, 28], low: -1, high: 1, generator: &generator), batchSize: 4,
                              shuffle: true, dropLast: true, seed: 3)
    let trainer = try Trainer(directory: run, configuration: configuration, data: data) {
        try ModelCatalog.entry(named: "progan").makeModel($0)
    }
    let monitor = try TrainingMonitor(trainer: trainer, sampleShape: [1, 28, 28], pixelRange: .minusOneToOne, resumed: false)
    var failure: (any Error)?
    try trainer.train { record in
        do { try monitor.record(record) } catch { failure = error }
    }
    if let failure { throw failure }
    try monitor.finish(.finished)
    let grids = try [4, 8, 16, 32].map { resolution in
        try Data(contentsOf: run.appendingPathComponent(TrainingMonitor.resolutionGridPath(resolution: resolution)))
    }
    #expect(TrainingMonitor.resolutionGridPath(resolution: 8) == "samples/resolution-008.png")
    #expect(Set(grids).count == 4, "each resolution's grid shows other samples")
}
