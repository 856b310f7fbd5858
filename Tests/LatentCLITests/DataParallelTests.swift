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

    /// `latent train model` for `steps` steps of global batch 64 on one thread per process, in `directory`.
    static func trainArguments(_ model: String, out directory: URL, steps: Int = 20, extra: [String] = []) -> [String] {
        ["train", model, "--steps", String(steps), "--batch-size", "64", "--threads", "1", "--seed", "3", "--data-dir", LatentProcess.mnist,
         "--out", directory.path] + extra
    }

    /// The process of rank `rank` among the children of `mpirun` (Open MPI starts a host's ranks as its
    /// children and names each rank in its environment), or nil when there is none.
    static func rankProcess(of mpirun: Int32, rank: Int) -> Int32? {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return processes.first { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let fields = stat.split(separator: ")").last?.split(separator: " "), fields.count > 2,
                  Int32(fields[1]) == mpirun,
                  let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { return false }
            return environment.split(separator: 0).contains { $0.elementsEqual("OMPI_COMM_WORLD_RANK=\(rank)".utf8) }
        }
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
    /// batch norm 3.9e-4 (docs/distributed.md, "Proof").
    static let tolerances: [String: Double] = ["gan": 1e-5, "vae": 1e-5, "wgan-gp": 1e-3]

    /// The models held to the element-wise bound, `largestRelativeDifference` ≤ 1e-5, in 20 steps; Adam
    /// turns rounding-sized gradients of `vae` and `wgan-gp` into whole steps (docs/distributed.md, "Proof").
    static let elementwiseBound: [String: Double] = ["gan": 1e-5]

    /// The largest, over the tensors, of a tensor's largest absolute difference from `reference`'s divided by
    /// the largest absolute value in `reference`'s (0 where both are all zeros).
    static func largestRelativeDifference(_ tensors: [String: Tensor], from reference: [String: Tensor]) -> Double {
        reference.keys.map { key in
            let expected = reference[key]!.values.map(Double.init), got = tensors[key]?.values.map(Double.init) ?? []
            guard got.count == expected.count else { return .infinity }
            let difference = zip(got, expected).map { abs($0 - $1) }.max() ?? 0
            let scale = expected.map(abs).max() ?? 0
            return scale > 0 ? difference / scale : difference
        }.max() ?? 0
    }

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
        if let bound = Self.elementwiseBound[model] {
            let weights = { (all: [String: Tensor]) in all.filter { !$0.key.contains("optimizer") } }
            let largest = Self.largestRelativeDifference(weights(got), from: weights(expected))
            #expect(largest <= bound, "the largest relative difference of a tensor is \(largest)")
        }
        // Rank 0 alone writes metrics.jsonl: as many lines as one process, not one set per rank.
        #expect(try metricsLines(parallel).count == metricsLines(single).count)
        #expect(latestCheckpointStep(parallel) == 20)
    }

    @Test func aRankKilledMidRunEndsEveryRankAndTheResumedRunMatchesTheUninterruptedOneBitForBit() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = root.appendingPathComponent("whole"), killed = root.appendingPathComponent("killed")
        let checkpoints = ["--distributed", "--checkpoint-every-steps", "2"]
        let uninterrupted = try LatentProcess.run(
            Self.trainArguments("gan", out: whole, extra: checkpoints), in: root, launcher: try Self.mpirun(ranks: 2))
        try #require(uninterrupted.status == 0, "\(uninterrupted.stdout)\n\(uninterrupted.stderr)")

        // A run far longer than 20 steps, rank 1 killed (SIGKILL) once checkpoints are being written.
        let job = try LatentProcess(
            Self.trainArguments("gan", out: killed, steps: 100_000, extra: checkpoints), in: root, launcher: try Self.mpirun(ranks: 2))
        let started = waitUntil(seconds: 120) { (latestCheckpointStep(killed) ?? 0) >= 4 }
        let rank1 = Self.rankProcess(of: job.process.processIdentifier, rank: 1)
        if !started || rank1 == nil { job.send(SIGKILL) }
        try #require(started, "no checkpoint of step 4 within 120 s: \(job.stderr)")
        kill(try #require(rank1, "no rank 1 among mpirun's children"), SIGKILL)
        let killedAt = Date()
        let status = job.wait()
        let seconds = Date().timeIntervalSince(killedAt)
        #expect(status != 0)
        #expect(seconds < 60, "the ranks ended \(seconds) s after rank 1 was killed")
        #expect(job.stderr.contains("exited on signal 9"), "\(job.stderr)")

        // The latest checkpoint is a complete one, from before step 20; resuming it to step 20 gives every tensor
        // (weights, buffers, optimizer state) of the uninterrupted run, bit for bit.
        let step = try #require(latestCheckpointStep(killed))
        #expect(step >= 4 && step < 20, "killed after step \(step)")
        #expect(try Self.checkpointTensors(killed).count == Self.checkpointTensors(whole).count)
        let resumed = try LatentProcess.run(
            Self.trainArguments("gan", out: killed, extra: checkpoints + ["--resume"]), in: root, launcher: try Self.mpirun(ranks: 2))
        try #require(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
        #expect(latestCheckpointStep(killed) == 20)
        let expected = try Self.checkpointTensors(whole), got = try Self.checkpointTensors(killed)
        #expect(Set(got.keys) == Set(expected.keys))
        for (key, tensor) in expected {
            #expect(got[key]?.values.map(\.bitPattern) == tensor.values.map(\.bitPattern), "\(key) differs after resuming from step \(step)")
        }
    }

    @Test func evaluationSplitOverTwoRanksGivesTheMetricsOfOneProcess() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try writeDigitFolder(root, "first", offset: 0, count: 201)
        let second = try writeDigitFolder(root, "second", offset: 201, count: 200)
        let arguments = ["eval", first, "--reference", second, "--metrics", "fid,kid,is,pr", "--threads", "1", "--json"]
        func metrics(_ stdout: String) throws -> [String: Double] {
            let lines = stdout.split(separator: "\n")
            #expect(lines.count == 1, "one JSON line (rank 0's), got: \(stdout)")
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(lines.last.map(String.init)?.utf8 ?? "".utf8)) as? [String: Any])
            return fields.compactMapValues { $0 as? Double }.filter { $0.key != "seconds" }
        }
        let alone = try LatentProcess.run(arguments, in: root)
        try #require(alone.status == 0, "\(alone.stderr)")
        let ranks = try LatentProcess.run(arguments + ["--distributed"], in: root, launcher: try Self.mpirun(ranks: 2))
        try #require(ranks.status == 0, "\(ranks.stdout)\n\(ranks.stderr)")
        let expected = try metrics(alone.stdout), got = try metrics(ranks.stdout)
        #expect(Set(got.keys) == Set(expected.keys) && expected.keys.contains("fid"), "\(got) against \(expected)")
        for (key, value) in expected {
            let difference = abs((got[key] ?? .nan) - value)
            #expect(difference <= 1e-6 * max(abs(value), 1), "\(key): \(got[key] ?? .nan) over 2 ranks, \(value) alone")
        }
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
