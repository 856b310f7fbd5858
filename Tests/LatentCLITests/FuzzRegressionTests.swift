import Foundation
import Testing

/// The fuzzers' inputs, read by the parsers they fuzz (`FuzzHarness/` is the fuzz package's harness, linked
/// here): every seed in `Fuzz/Corpus/<format>/` is a valid file, and every input saved in
/// `Fuzz/Regressions/<format>/` (each once crashed a parser, or was made to show a limit) is refused with an error.
@Suite struct FuzzRegressionTests {
    /// The files of `Fuzz/<folder>/<format>/`, sorted.
    static func inputs(_ folder: String, _ format: FuzzFormat) throws -> [URL] {
        let directory = LatentProcess.packageRoot.appendingPathComponent("Fuzz/\(folder)/\(format.rawValue)")
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzFormat.allCases)
    func everySeedIsRead(_ format: FuzzFormat) throws {
        let seeds = try Self.inputs("Corpus", format)
        #expect(!seeds.isEmpty, "no seeds for \(format.rawValue)")
        for seed in seeds {
            #expect(throws: Never.self, "\(seed.lastPathComponent)") { try format.parse([UInt8](try Data(contentsOf: seed))) }
        }
    }

    @Test(arguments: FuzzFormat.allCases.filter { $0 != .metrics })
    func everySavedCrashInputIsRefused(_ format: FuzzFormat) throws {
        for input in try Self.inputs("Regressions", format) {
            #expect(throws: (any Error).self, "\(input.lastPathComponent)") { try format.parse([UInt8](try Data(contentsOf: input))) }
        }
    }

    /// `metrics.jsonl` is never refused as a whole (unreadable lines are counted); its inputs must simply be read.
    @Test func everySavedMetricsInputIsRead() throws {
        for input in try Self.inputs("Regressions", .metrics) {
            #expect(throws: Never.self, "\(input.lastPathComponent)") { try FuzzFormat.metrics.parse([UInt8](try Data(contentsOf: input))) }
        }
    }
}
