import Foundation
import LatentModels
import LatentNN
import LatentReport
import LatentTensor

/// A run directory's model as trained so far: the catalog entry named in `config.yaml`, built and loaded
/// from `checkpoints/latest`, in evaluation mode.
struct TrainedRun {
    /// The run directory.
    let directory: URL
    let entry: ModelEntry
    let configuration: RunConfiguration
    let model: any Trainable
    /// The shape of one sample of the run's model, with the data shape its configuration records
    /// (`ModelEntry.sampleShape(for:)`).
    let sampleShape: [Int]
    /// The model's generator or decoder (nil when `requireGenerator` was false and the model has none).
    let generator: (any SampleGenerating)!
    /// The optimizer steps of the checkpoint loaded, and the epoch they reach into.
    let step: Int
    let epoch: Int

    /// Opens the run in `directory`; throws naming the file when its configuration or checkpoint is
    /// missing or does not fit, or, with `requireGenerator`, when the model generates no samples or translates images
    /// (whose samples from noise would be translations of blank images).
    init(directory: URL, requireGenerator: Bool = true) throws {
        configuration = try ConfigurationFile.read(directory.appendingPathComponent("config.yaml").path)
        entry = try Self.entry(named: configuration.model, run: directory)
        Threads.set(configuration.threads)
        model = try entry.makeModel(configuration)
        sampleShape = try entry.sampleShape(for: configuration)
        let store = CheckpointStore(directory: directory.appendingPathComponent("checkpoints"), keep: configuration.keepCheckpoints)
        guard let checkpoint = try store.loadLatest(parts: model.checkpointParts) else {
            throw CommandFailure("\(store.latest.path): no checkpoint yet")
        }
        self.directory = directory
        step = checkpoint.step
        epoch = checkpoint.epoch
        generator = model as? SampleGenerating
        if requireGenerator, let translating = model as? Translating, translating.translates {
            // Its generator reads images to translate: sampling from the prior would translate blank ones.
            throw CommandFailure("""
                model \(entry.name) translates images rather than sampling them from noise; its translations of the first \
                training batch are in the folders of \(directory.path)/samples/, and `latent translate \(directory.path) \
                --input DIR --out DIR` translates a folder of images
                """)
        }
        if requireGenerator && generator == nil {
            throw CommandFailure("model \(entry.name) does not generate samples")
        }
        for (_, module) in model.modules { module.eval() }
    }

    /// The catalog entry of the run's model; when the catalog lacks it, throws naming the module `run.json`
    /// says defined it, whose program registers it.
    private static func entry(named name: String, run: URL) throws -> ModelEntry {
        do {
            return try ModelCatalog.entry(named: name)
        } catch {
            guard let module = (try? RunStatus.read(run: run))?.module else { throw error }
            throw CommandFailure("""
                \(run.path): model \(name) was defined in module \(module), which this program does not register; \
                run the command with the executable that registers it (see Latent.main(registering:))
                """)
        }
    }

    /// The samples for latent vectors `z` (of the classes `labels` when given, which needs a class-conditional
    /// model), shaped `[N] + sampleShape` when their size allows; generated `generationBatch` at a time.
    func samples(_ z: Tensor, labels: [Int]? = nil) -> Tensor {
        let count = z.shape[0]
        let parts = stride(from: 0, to: count, by: Self.generationBatch).map { start in
            let range = start..<Swift.min(start + Self.generationBatch, count)
            let part = count <= Self.generationBatch ? z : z.slice(axis: 0, range: range)
            return labels.flatMap { labels in
                (generator as? any ClassConditionalGenerating)?.generate(part, labels: Array(labels[range]))
            } ?? generator.generate(part)
        }
        let samples = parts.count == 1 ? parts[0] : Tensor.concatenated(parts)
        let perSample = samples.shape.dropFirst().reduce(1, *)
        return perSample == sampleShape.reduce(1, *) ? samples.reshaped([samples.shape[0]] + sampleShape) : samples
    }

    /// Latent vectors per pass through the generator: bounds the memory its layers' activations take.
    static let generationBatch = 256
}
