import Foundation
import LatentTestSupport
import Testing

// `latent eval` on folders and statistics files with digit features: identical sets are at distance 0,
// degraded images move away, saved statistics give the same FID, and statistics refuse feature metrics.

@Suite struct EvalCommandTests {
    private func fid(_ arguments: [String]) throws -> Double {
        let result = try LatentProcess.run(["eval"] + arguments + ["--metrics", "fid", "--json"], in: LatentProcess.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(fields?["fid"] as? Double)
    }

    @Test func foldersStatisticsAndDegradedImages() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try writeDigitFolder(root, "first", offset: 0, count: 300)
        let second = try writeDigitFolder(root, "second", offset: 300, count: 300)

        #expect(try fid([first, "--reference", first]) < 1e-6)
        let between = try fid([first, "--reference", second])
        #expect(between > 0)
        let noised = try fid([first, "--reference", second, "--noise", "0.3"])
        let blurred = try fid([first, "--reference", second, "--blur", "1.5"])
        #expect(noised > 2 * between && blurred > 2 * between, "\(between) → noise \(noised), blur \(blurred)")

        let statistics = root.appendingPathComponent("first.safetensors").path
        let saved = try LatentProcess.run(["eval", first, "--reference", second, "--metrics", "fid", "--save-stats", statistics],
                                          in: LatentProcess.packageRoot)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(abs(try fid([statistics, "--reference", second]) - between) <= 1e-9 * max(between, 1))

        let refused = try LatentProcess.run(["eval", statistics, "--reference", second, "--metrics", "kid"], in: LatentProcess.packageRoot)
        #expect(refused.status != 0 && refused.stderr.contains("fid"))
        let unknown = try LatentProcess.run(["eval", first, "--metrics", "fid,sharpness"], in: LatentProcess.packageRoot)
        #expect(unknown.status != 0 && unknown.stderr.contains("sharpness"))
    }
}
