import Foundation
import LatentNN
import LatentTestSupport
import Testing

// Data-parallel training through Open MPI: `mpirun -np 2` ranks of `latent train --distributed`, which CI
// installs (openmpi-bin), so a missing mpirun fails these tests rather than skipping them.

@Suite(.serialized) struct DataParallelTests {
    /// `mpirun` on the PATH, with the flags that let it start two ranks on any machine and as root (CI).
    static func mpirun(ranks: Int) throws -> [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let found = path.split(separator: ":").map { "\($0)/mpirun" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let mpirun = try #require(found, "mpirun (Debian's openmpi-bin) is not on the PATH: \(path)")
        return [mpirun, "-np", String(ranks), "--oversubscribe", "--allow-run-as-root"]
    }

    /// `latent train model` for 20 steps of global batch 64 on one thread per process, in `directory`.
    static func trainArguments(_ model: String, out directory: URL, extra: [String] = []) -> [String] {
        ["train", model, "--steps", "20", "--batch-size", "64", "--threads", "1", "--seed", "3", "--data-dir", LatentProcess.mnist,
         "--out", directory.path] + extra
    }

    /// The tensors of every `*.safetensors` file of `RUN/checkpoints/latest`, keyed `file/tensor`.
    static func checkpointTensors(_ run: URL) throws -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for (name, bytes) in try latestCheckpointFiles(run) where name.hasSuffix(".safetensors") {
            for (key, tensor) in try SafeTensors(data: bytes, path: name).tensors() { tensors["\(name)/\(key)"] = tensor }
        }
        return tensors
    }

    /// How far each model's weights may drift from one process's in 20 steps: 1e-5 of their norm for `gan` and
    /// `vae`. WGAN-GP's 20 steps amplify summation-order differences far more: one process on 2 threads instead
    /// of 1 (nothing else changed) already ends 3.1e-5 away in the generator, and 2 ranks with synchronized
    /// batch norm 4.1e-4 (docs/distributed.md, "Proof").
    static let tolerances: [String: Double] = ["gan": 1e-5, "vae": 1e-5, "wgan-gp": 1e-3]

    @Test(arguments: ["gan", "wgan-gp", "vae"])
    func twoRanksOfHalfBatchesEndWithTheWeightsOfOneProcess(_ model: String) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let single = root.appendingPathComponent("single"), parallel = root.appendingPathComponent("parallel")
        let alone = try LatentProcess.run(Self.trainArguments(model, out: single), in: root)
        try #require(alone.status == 0, "\(alone.stderr)")
        // wgan-gp's generator has batch norm: the ranks share its statistics, as one process with the whole batch.
        let synchronized = model == "wgan-gp" ? ["--option", "sync_batch_norm=true"] : []
        let ranks = try LatentProcess.run(
            Self.trainArguments(model, out: parallel, extra: ["--distributed"] + synchronized), in: root,
            launcher: try Self.mpirun(ranks: 2))
        try #require(ranks.status == 0, "\(ranks.stdout)\n\(ranks.stderr)")
        #expect(ranks.stdout.contains("Data-parallel over 2 ranks: 32 samples of each batch per rank"))

        // Every model file (weights and buffers) within the model's tolerance of its norm. The ranks sum their halves of the batch
        // and MPI sums the halves: where a gradient nearly cancels (the critic's bias under the Wasserstein loss),
        // that order of float sums changes it relatively more, and Adam, which steps by about the learning rate
        // whatever the gradient's size, can turn that into a different step of a single weight; the norm of the
        // whole difference stays at summation-order size.
        let expected = try Self.checkpointTensors(single), got = try Self.checkpointTensors(parallel)
        #expect(Set(got.keys) == Set(expected.keys))
        let modelFiles = Set(expected.keys.map { String($0.prefix { $0 != "/" }) }).filter { !$0.contains("optimizer") }
        #expect(!modelFiles.isEmpty)
        for file in modelFiles.sorted() {
            let keys = expected.keys.filter { $0.hasPrefix(file + "/") }
            var difference = 0.0, norm = 0.0
            for key in keys {
                guard let tensor = got[key], let reference = expected[key] else { continue }
                for (value, referenceValue) in zip(tensor.values, reference.values) {
                    difference += Double(value - referenceValue) * Double(value - referenceValue)
                    norm += Double(referenceValue) * Double(referenceValue)
                }
            }
            let relative = (difference / max(norm, 1e-30)).squareRoot()
            #expect(relative <= Self.tolerances[model]!, "\(file): the difference's norm is \(relative) of the weights'")
        }
        // Rank 0 alone writes metrics.jsonl: as many lines as one process, not one set per rank.
        #expect(try metricsLines(parallel).count == metricsLines(single).count)
        #expect(latestCheckpointStep(parallel) == 20)
    }

    @Test func aGlobalBatchTheRanksCannotShareEvenlyIsRefused() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let result = try LatentProcess.run(
            ["train", "gan", "--steps", "2", "--batch-size", "63", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--distributed", "--out", run.path],
            in: root, launcher: try Self.mpirun(ranks: 2))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--batch-size 63 (the global batch) cannot be split evenly over 2 ranks"), "\(result.stderr)")
    }
}
