import Foundation
import LatentTestSupport
import Testing

@testable import LatentReport

// Metric keys too long for a file name (issue 14): the plot's file name is cut and told apart by a hash.

@Test func longMetricKeysGetShortDistinctPlotFileNames() throws {
    let long = String(repeating: "k", count: 250)
    let first = RunPlots.fileName(long + "a"), second = RunPlots.fileName(long + "b")
    #expect(first != second && first.count < 100 && second.count < 100)
    #expect(first.hasPrefix(String(repeating: "k", count: RunPlots.longestFileName) + "-"))
    #expect(RunPlots.fileName("loss_d") == "loss_d" && RunPlots.fileName("a/b") == "a-b")

    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    try SyntheticRun.write("model: gan\ndataset: mnist\n", to: run, "config.yaml")
    try SyntheticRun.write("{\"step\":1,\"epoch\":1,\"\(long)\":0.5}\n{\"step\":2,\"epoch\":1,\"\(long)\":0.25}\n", to: run, "metrics.jsonl")
    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    let name = "metric-" + RunPlots.fileName(long)
    #expect(html.contains("plots/\(name).svg"))
    #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("plots/\(name).png").path))
}
