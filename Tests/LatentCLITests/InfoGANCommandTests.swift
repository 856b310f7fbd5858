import Foundation
import LatentData
import LatentTestSupport
import Testing

@testable import LatentCLIKit

// `latent train infogan` as a user runs it: the code grid, clustering by Q's categorical code, bad options;
// and `latent reproduce --seeds`.

@Suite(.serialized) struct InfoGANCommandTests {
    @Test func infoganDrawsItsCodeGridAndClustersByQsCategoricalCode() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("infogan")
        let trained = try LatentProcess.run(
            ["train", "infogan", "--steps", "2", "--batch-size", "16", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--out", run.path], in: root)
        #expect(trained.status == 0, "\(trained.stderr)")
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(metrics.contains("\"mi_categorical\"") && metrics.contains("\"mi_continuous\"") && metrics.contains("\"loss_d_info\""))
        // 10 rows of the categorical values, then 10 sweep rows for each of the 2 continuous codes, 8 columns of 28 + 2 pixels.
        let grid = try PNG.read(run.appendingPathComponent("samples/epoch-0001.png").path)
        #expect(grid.width == 8 * 30 + 2 && grid.height == 30 * 30 + 2, "\(grid.width)×\(grid.height)")
        // The report's cluster table: 10 test images per cluster in a row per cluster, and the confusion matrix.
        let examples = try PNG.read(run.appendingPathComponent("analyses/clusters-q_categorical/clusters.png").path)
        #expect(examples.width == 10 * 30 + 2 && examples.height == 10 * 30 + 2, "\(examples.width)×\(examples.height)")
        let report = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Clusters of 1000 mnist test images: argmax of q_categorical") && report.contains("<th>cluster → class</th>"))

        let clustered = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "200", "--features", run.path, "--layer", "q_categorical", "--json"],
            in: root)
        #expect(clustered.status == 0, "\(clustered.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(clustered.stdout.utf8)) as? [String: Any])
        #expect(fields["method"] as? String == "argmax" && fields["k"] as? Int == 10 && fields["layer"] as? String == "q_categorical")
        #expect((fields["cluster_sizes"] as? [Int])?.reduce(0, +) == 200)
        let unknown = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "200", "--features", run.path, "--layer", "codes"], in: root)
        #expect(unknown.status != 0 && unknown.stderr.contains("no layer \"codes\"") && unknown.stderr.contains("q_categorical (Q's logits"),
                "\(unknown.stderr)")
    }

    @Test func badCodeOptionsAreRefusedBeforeTraining() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (option, message) in [("categorical=0", "option categorical is \"0\""), ("continuous=-1", "option continuous is \"-1\""),
                                  ("noise_size=1000000000", "option noise_size is \"1000000000\"")] {
            let run = root.appendingPathComponent("bad")
            let result = try LatentProcess.run(["train", "infogan", "--steps", "1", "--option", option, "--out", run.path], in: root)
            #expect(result.status != 0 && result.stderr.contains(message), "\(option): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: run.path))
        }
    }

    @Test func reproduceChecksSeedsAndListsInfogan() throws {
        let list = try LatentProcess.run(["reproduce", "--list"], in: LatentProcess.packageRoot)
        #expect(list.stdout.contains("infogan-mnist"))
        let zero = try LatentProcess.run(["reproduce", "infogan-mnist", "--seeds", "0"], in: LatentProcess.packageRoot)
        #expect(zero.status != 0 && zero.stderr.contains("--seeds must be at least 1"), "\(zero.stderr)")
        let past = try LatentProcess.run(["reproduce", "infogan-mnist", "--seed", "18446744073709551615", "--seeds", "2"], in: LatentProcess.packageRoot)
        #expect(past.status != 0 && past.stderr.contains("runs past the largest seed"), "\(past.stderr)")
    }
}

@Test func seedSpreadGivesMeanSampleDeviationAndExtremesAndJudgesTheMean() throws {
    func result(_ value: Double) -> ReproductionResult {
        ReproductionResult(name: "r", main: .atLeast("acc", value, 0.9), source: "s", seconds: 1, runs: [URL(fileURLWithPath: "/r\(value)")])
    }
    var first = result(0.95)
    #expect(first.passed)
    first.summarize(seeds: [3, 4, 5], results: [first, result(0.80), result(0.92)])
    let spread = try #require(first.seeds)
    #expect(abs(spread.mean - 0.89) < 1e-12 && spread.min == 0.80 && spread.max == 0.95 && spread.values == [0.95, 0.80, 0.92])
    // Sample standard deviation: deviations 0.06, −0.09, 0.03 → sqrt((0.0036 + 0.0081 + 0.0009) / 2).
    #expect(abs(spread.std - (0.0126 / 2).squareRoot()) < 1e-12)
    #expect(!first.passed && first.value == 0.95 && first.runs.count == 3)
    let json = String(decoding: try JSONEncoder().encode(first), as: UTF8.self)
    #expect(json.contains("\"seeds\":{") && json.contains("\"std\":"))
}
