import Foundation
import LatentData
import LatentReport
import LatentTensor
import LatentTestSupport
import Testing

// semi-gan as a user runs it: the label budget (recorded in run.json, the only labels training reads), bit-exact
// resume, test error per run and `latent classify`, and the errors of a budget the data cannot give.

@Suite(.serialized) struct SemiGANCommandTests {
    /// `latent train semi-gan` writing to `run` with 20 labels, batches of 10, one thread, and `extra` flags.
    private func train(_ run: URL, data: String = LatentProcess.mnist, _ extra: [String]) -> [String] {
        ["train", "semi-gan", "--labels", "20", "--batch-size", "10", "--threads", "1", "--data-dir", data, "--out", run.path] + extra
    }

    @Test func labelsOutsideTheBudgetLeaveTrainingBitIdentical() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = root.appendingPathComponent("original")
        let first = try LatentProcess.run(train(original, ["--steps", "3"]), in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("20 labelled images"))
        let budget = try #require(try RunStatus.read(run: original).labels)
        let mnist = try #require(try DatasetCatalog().load("mnist", split: .train, dataDirectory: LatentProcess.mnist).images)
        #expect(budget.count == 20 && budget.seed == 0 && budget.labels == budget.indices.map { mnist.labels[$0] })
        #expect((0..<10).allSatisfy { c in budget.labels.filter { $0 == c }.count == 2 })

        // Every label the budget did not look at changes class; training must not notice.
        var order = RandomGenerator(seed: budget.seed)
        let examined = Set(Tensor.permutation(mnist.count, generator: &order).prefix(budget.examined))
        let scrambled = mnist.labels.enumerated().map { examined.contains($0.offset) ? $0.element : ($0.element + 1) % 10 }
        let otherData = try copyOfMNIST(in: root, name: "scrambled", trainLabels: scrambled)
        let other = root.appendingPathComponent("other")
        let second = try LatentProcess.run(train(other, data: otherData, ["--steps", "3"]), in: root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try RunStatus.read(run: other).labels == budget)
        #expect(try latestCheckpointFiles(other) == latestCheckpointFiles(original))

        // Changing one label of the budget does change training: the comparison above can fail.
        var changed = mnist.labels
        changed[budget.indices[0]] = (changed[budget.indices[0]] + 5) % 10
        let changedData = try copyOfMNIST(in: root, name: "changed", trainLabels: changed)
        let third = root.appendingPathComponent("third")
        let run = try LatentProcess.run(train(third, data: changedData, ["--steps", "3"]), in: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try latestCheckpointFiles(third)["discriminator.safetensors"] != latestCheckpointFiles(original)["discriminator.safetensors"])
    }

    @Test func resumedRunEndsWithTheSameBytesAndClassifyReadsItsTestError() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = root.appendingPathComponent("whole"), parted = root.appendingPathComponent("parted")
        let uninterrupted = try LatentProcess.run(train(whole, ["--steps", "6"]), in: root)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let firstPart = try LatentProcess.run(train(parted, ["--steps", "3"]), in: root)
        #expect(firstPart.status == 0, "\(firstPart.stderr)")
        let resumed = try LatentProcess.run(train(parted, ["--steps", "6", "--resume"]), in: root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let expected = try latestCheckpointFiles(whole)
        #expect(Set(expected.keys).isSuperset(of: ["generator.safetensors", "discriminator.safetensors"]))
        #expect(try latestCheckpointFiles(parted) == expected)

        let logged = try #require(try metricsLines(whole).last { $0["test_error"] != nil }?["test_error"] as? Double)
        let classify = try LatentProcess.run(["classify", whole.path, "--dataset", "mnist", "--data-dir", LatentProcess.mnist, "--json"], in: root)
        #expect(classify.status == 0, "\(classify.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(classify.stdout.utf8)) as? [String: Any])
        #expect(result["samples"] as? Int == 10_000 && result["step"] as? Int == 6)
        let error = try #require(result["error"] as? Double)
        #expect(abs(error - logged) < 1e-6 && error > 0 && error < 1)
        #expect(result["errors"] as? Int == Int((error * 10_000).rounded()))
    }

    @Test func budgetsTheDataCannotGiveAreRefusedByName() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cases: [([String], String)] = [
            (["--labels", "25"], "--labels 25 is not a multiple of the 10 classes"),
            (["--labels", "60010"], "--labels 60010 is more than the 60000 training images"),
            (["--labels", "0"], "labels must be at least 1, got 0"),
        ]
        for (flags, message) in cases {
            let run = root.appendingPathComponent("run-\(flags[1])")
            let result = try LatentProcess.run(train(run, ["--steps", "1"] + flags), in: root)
            #expect(result.status != 0 && result.stderr.contains(message), "\(flags): \(result.stderr)")
        }
        let unlabelled = try LatentProcess.run(
            ["train", "dcgan", "--labels", "100", "--steps", "1", "--out", root.appendingPathComponent("dcgan").path], in: root)
        #expect(unlabelled.status != 0 && unlabelled.stderr.contains("model dcgan learns from no label budget"), "\(unlabelled.stderr)")
        let row = try LatentProcess.run(["reproduce", "improved-gan-mnist", "--labels", "30"], in: root)
        #expect(row.status != 0 && row.stderr.contains("--labels must be one of 20, 50, 100, 200 for improved-gan-mnist"), "\(row.stderr)")
        let other = try LatentProcess.run(["reproduce", "dcgan-mnist", "--labels", "100"], in: root)
        #expect(other.status != 0 && other.stderr.contains("reproduction \"dcgan-mnist\" has no label budget"), "\(other.stderr)")
    }

    /// A data directory beside `root` holding MNIST's image files and test labels, with `trainLabels` as the
    /// training labels (an uncompressed IDX file).
    private func copyOfMNIST(in root: URL, name: String, trainLabels: [Int]) throws -> String {
        let directory = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try FileManager.default.copyItem(atPath: LatentProcess.mnist + "/" + file, toPath: directory.appendingPathComponent(file).path)
        }
        let count = UInt32(trainLabels.count)
        var bytes: [UInt8] = [0, 0, 8, 1] + (0..<4).map { UInt8(truncatingIfNeeded: count >> (24 - 8 * $0)) }
        bytes += trainLabels.map { UInt8($0) }
        try Data(bytes).write(to: directory.appendingPathComponent("train-labels-idx1-ubyte"))
        return directory.path
    }
}
