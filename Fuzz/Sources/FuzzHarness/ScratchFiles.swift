import Foundation
import LatentModels
import LatentNN

/// A private directory for the parsers that read files by path: each input is written there before it is read,
/// by one caller at a time (tests read several inputs in parallel).
final class ScratchFiles: @unchecked Sendable {
    /// The directory of this process, made on first use and removed when it ends.
    static let shared = ScratchFiles()

    /// A complete configuration, for reading partial ones.
    static let defaultConfiguration = RunConfiguration(
        model: "dcgan-mnist", dataset: "mnist", epochs: 1, steps: nil, batchSize: 8, seed: 0, threads: 1,
        learningRates: ["generator": 2e-4], checkpointEverySteps: 100, keepCheckpoints: 2, dataDirectory: nil,
        sampleEveryEpochs: 1, evalEveryEpochs: nil, options: [:])

    private let directory: String
    private let checkpoint: URL
    private let lock = NSLock()

    private init() {
        directory = FileManager.default.temporaryDirectory.path + "/latent-fuzz-\(getpid())"
        checkpoint = URL(fileURLWithPath: directory + "/checkpoint")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Checkpoint(step: 1, epoch: 0).save(to: checkpoint, parts: ["model": .module(Self.model())])
        } catch {
            fatalError("latent-fuzz: cannot prepare \(directory): \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: ScratchFiles.shared.directory) }
    }

    /// Writes `bytes` to the file `name` in the directory and reads it with `read`, given its path.
    func read<Value>(_ bytes: [UInt8], as name: String, with read: (String) throws -> Value) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try read(path)
    }

    /// Loads the checkpoint whose manifest is `manifest`, beside the file `model.safetensors` that the
    /// seed manifest (`Fuzz/Corpus/checkpoint/`) describes.
    func loadCheckpoint(manifest: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        try Data(manifest).write(to: checkpoint.appendingPathComponent(Checkpoint.manifestName))
        _ = try Checkpoint.load(from: checkpoint, parts: ["model": .module(Self.model())])
    }

    /// A linear layer with fixed weights, so that the file saved from it is the same in every process.
    private static func model() -> Linear {
        let model = Linear(2, 2)
        _ = try? model.loadStateDict(["weight": Tensor([1, 2, 3, 4], shape: [2, 2]), "bias": Tensor([5, 6], shape: [2])])
        return model
    }
}
