import Foundation
import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

@Test func statisticsRoundTripThroughSafetensors() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("stats.safetensors")
    let statistics = FeatureStatistics(features: FixtureData.real)
    try statistics.save(to: url)
    #expect(try FeatureStatistics.load(from: url) == statistics)
    let file = try SafeTensors(contentsOf: url)
    #expect(file.info("mu")?.dtype == .f64 && file.shape("mu") == [32])
    #expect(file.info("sigma")?.dtype == .f64 && file.shape("sigma") == [32, 32])
}

@Test func loadingStatisticsChecksTheFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("bad.safetensors")
    try SafeTensors.write([SafeTensors.Entry("mu", doubles: [0, 0], shape: [2])], metadata: ["count": "4"], to: url)
    expectError(containing: ["bad.safetensors", "no tensor named sigma"]) { _ = try FeatureStatistics.load(from: url) }
    try SafeTensors.write([SafeTensors.Entry("mu", doubles: [0, 0], shape: [2]),
                           SafeTensors.Entry("sigma", doubles: [1, 0, 0], shape: [3])], metadata: ["count": "4"], to: url)
    expectError(containing: ["bad.safetensors", "sigma has shape [3], expected [2, 2]"]) { _ = try FeatureStatistics.load(from: url) }
    try SafeTensors.write([SafeTensors.Entry("mu", doubles: [0], shape: [1]),
                           SafeTensors.Entry("sigma", doubles: [1], shape: [1, 1])], to: url)
    expectError(containing: ["bad.safetensors", "no metadata entry count"]) { _ = try FeatureStatistics.load(from: url) }
    expectError(containing: ["missing.safetensors"]) {
        _ = try FeatureStatistics.load(from: directory.appendingPathComponent("missing.safetensors"))
    }
}
