import Foundation
import Testing
import LatentData
import LatentModels
import LatentNN

/// A fresh empty directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("latent-models-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// 64 random 1×8×8 images in [−1, 1] (or [0, 1]), made from a fixed seed.
func tinyImages(count: Int = 64, low: Float = -1) -> Tensor {
    var generator = RandomGenerator(seed: 99)
    return Tensor.uniform([count, 1, 8, 8], low: low, high: 1, generator: &generator)
}

/// Overwrites every parameter of `module` with small values from `seed`, so that tests do not depend
/// on the global generator, which other tests running at the same time also draw from.
func reinitialize(_ module: Module, seed: UInt64) {
    var generator = RandomGenerator(seed: seed)
    for parameter in module.namedParameters() {
        parameter.tensor.withMutableValues { values in
            for i in values.indices { values[i] = (generator.nextUniform() - 0.5) * 0.6 }
        }
    }
}

/// A tiny GAN on 1×8×8 images: G 4→16 (batch norm) →64, D 64→16→1 logits, Adam for both.
func tinyGAN(_ configuration: RunConfiguration) -> GAN {
    let generator = Sequential(
        Linear(4, 16), BatchNorm1d(16), LeakyReLU(negativeSlope: 0.2), Linear(16, 64), Tanh(),
        Unflatten(dim: 1, unflattenedSize: [1, 8, 8]))
    let discriminator = Sequential(Flatten(), Linear(64, 16), LeakyReLU(negativeSlope: 0.2), Linear(16, 1))
    reinitialize(generator, seed: configuration.seed)
    reinitialize(discriminator, seed: configuration.seed + 1)
    return GAN(
        generator: generator, discriminator: discriminator,
        generatorOptimizer: Adam(learningRate: configuration.learningRates["generator"] ?? 1e-3, betas: (0.5, 0.999)),
        discriminatorOptimizer: Adam(learningRate: configuration.learningRates["discriminator"] ?? 1e-3, betas: (0.5, 0.999)),
        objective: NonSaturatingObjective(), latentShape: [4])
}

/// A tiny VAE on 1×8×8 images in [0, 1]: 64-16-(4, 4), Adam.
func tinyVAE(_ configuration: RunConfiguration) -> VAE {
    let model = MLPVAE(inputShape: [1, 8, 8], hiddenSize: 16, latentSize: 4)
    reinitialize(model, seed: configuration.seed)
    return VAE(model: model, optimizer: Adam(learningRate: configuration.learningRates["model"] ?? 1e-2))
}

/// A configuration for the tiny models: batch 8, so 8 batches per epoch of the 64 images.
func tinyConfiguration(
    model: String = "tiny-gan", epochs: Int = 2, steps: Int? = nil, learningRates: [String: Float] = [:],
    checkpointEvery: Int = 3, keep: Int = 2
) -> RunConfiguration {
    RunConfiguration(
        model: model, dataset: "tiny", epochs: epochs, steps: steps, batchSize: 8, seed: 7, threads: 1,
        learningRates: learningRates, checkpointEverySteps: checkpointEvery, keepCheckpoints: keep)
}

/// A shuffling loader over `images`, batch 8.
func tinyLoader(_ images: Tensor = tinyImages()) throws -> DataLoader {
    try DataLoader(images, batchSize: 8, shuffle: true, dropLast: true, seed: 3)
}

/// Every parameter and buffer of `module`, as bit patterns by name.
func bits(_ module: Module) -> [String: [UInt32]] {
    Dictionary(uniqueKeysWithValues: module.stateDict().map { ($0.0, $0.1.values.map(\.bitPattern)) })
}

/// Every buffer of `optimizer`, as bit patterns by name.
func bits(_ optimizer: any Optimizer) -> [String: [UInt32]] {
    optimizer.stateDict().mapValues { $0.values.map(\.bitPattern) }
}

/// The JSON objects of `RUN/metrics.jsonl`.
func metricsRecords(_ run: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
