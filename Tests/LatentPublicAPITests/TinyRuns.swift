import Foundation
import LatentData
import LatentModels
import LatentNN

// Small data, configurations and comparisons for models defined in these tests.

/// 64 random 1×8×8 images in [−1, 1], made from a fixed seed.
func tinyImages(count: Int = 64) -> Tensor {
    var generator = RandomGenerator(seed: 99)
    return Tensor.uniform([count, 1, 8, 8], low: -1, high: 1, generator: &generator)
}

/// Overwrites every parameter of `module` with small values from `seed`, so that a model does not draw
/// from the global generator, which other tests running at the same time also draw from.
func reinitialize(_ module: Module, seed: UInt64) {
    var generator = RandomGenerator(seed: seed)
    for parameter in module.namedParameters() {
        parameter.tensor.withMutableValues { values in
            for i in values.indices { values[i] = (generator.nextUniform() - 0.5) * 0.6 }
        }
    }
}

/// A configuration for `model` on the tiny images: batch 8 (8 batches per epoch), seed 7, one thread.
func tinyConfiguration(model: String, epochs: Int = 2, checkpointEvery: Int = 3) -> RunConfiguration {
    RunConfiguration(
        model: model, dataset: "tiny", epochs: epochs, batchSize: 8, seed: 7, threads: 1, learningRates: [:],
        checkpointEverySteps: checkpointEvery, keepCheckpoints: 2)
}

/// A shuffling loader over the tiny images, batch 8.
func tinyLoader() throws -> DataLoader {
    try DataLoader(tinyImages(), batchSize: 8, shuffle: true, dropLast: true, seed: 3)
}

/// Every parameter and buffer of `module`, as bit patterns by name.
func bits(_ module: Module) -> [String: [UInt32]] {
    Dictionary(uniqueKeysWithValues: module.stateDict().map { ($0.0, $0.1.values.map(\.bitPattern)) })
}

/// Every buffer of `optimizer`, as bit patterns by name.
func bits(_ optimizer: any Optimizer) -> [String: [UInt32]] {
    optimizer.stateDict().mapValues { $0.values.map(\.bitPattern) }
}
