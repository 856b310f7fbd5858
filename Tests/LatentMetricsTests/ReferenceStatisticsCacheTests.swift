import Foundation
import LatentMetrics
import LatentTestSupport
import Testing

/// The reference statistics cache: computed once, read afterwards, and rebuilt when its file is corrupt,
/// stale or cannot be written where the data is.
@Suite struct ReferenceStatisticsCacheTests {
    static let statistics = FeatureStatistics(count: 5, mean: [0.5, -1.25], covariance: [2, 0.1, 0.1, 3])

    /// A cache over two directories, and a counter of how often the statistics were computed.
    final class Counter: @unchecked Sendable {
        var computations = 0
        var warnings: [String] = []
        func compute() -> FeatureStatistics {
            computations += 1
            return ReferenceStatisticsCacheTests.statistics
        }
    }

    @Test func secondLookupReadsTheFileWithoutComputing() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ReferenceStatisticsCache(
            extractorID: "digits-mnist-0123", dataChecksum: String(repeating: "ab", count: 32),
            directories: [ReferenceStatisticsCache.folder(nextTo: root), root.appendingPathComponent("user")])
        let counter = Counter()
        let (first, firstOutcome) = try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute)
        let file = root.appendingPathComponent(".fid-stats/digits-mnist-0123-abababababababab.safetensors")
        #expect(firstOutcome == .computed(storedIn: file))
        let (second, secondOutcome) = try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute)
        #expect(secondOutcome == .read(file))
        #expect(counter.computations == 1)
        #expect(first == Self.statistics && second == Self.statistics)
        #expect(counter.warnings.isEmpty)
        // The file is a statistics file as --save-stats writes it.
        #expect(try FeatureStatistics.load(from: file) == Self.statistics)
    }

    @Test func corruptOrStaleFilesAreIgnoredWithAWarningAndRewritten() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directories = [root]
        let cache = ReferenceStatisticsCache(extractorID: "x", dataChecksum: "1234567890abcdef00", directories: directories)
        let file = root.appendingPathComponent(cache.fileName)
        try Data("not safetensors".utf8).write(to: file)
        let counter = Counter()
        _ = try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute)
        #expect(counter.computations == 1)
        #expect(counter.warnings.count == 1 && counter.warnings[0].hasPrefix("ignoring the cached reference statistics \(file.path): "))
        #expect(try FeatureStatistics.load(from: file) == Self.statistics)

        // The same name written for other data whose checksum starts alike (a stale file): ignored, recomputed, rewritten.
        let other = ReferenceStatisticsCache(extractorID: "x", dataChecksum: "1234567890abcdefff", directories: directories)
        try Self.statistics.save(to: file, metadata: ["extractor": "x", "data_sha256": "1234567890abcdefff"])
        _ = try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute)
        #expect(counter.computations == 2)
        #expect(counter.warnings.last?.contains("from data 1234567890abcdefff, expected x and 1234567890abcdef00") == true)
        #expect(try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute).1 == .read(file))
        #expect(other.fileName == cache.fileName)
    }

    @Test func unwritableDataDirectoryFallsBackToTheUserCache() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // A file where the data-side folder should be: it cannot be created.
        let blocked = root.appendingPathComponent("blocked")
        try Data().write(to: blocked)
        let user = root.appendingPathComponent("user")
        let cache = ReferenceStatisticsCache(extractorID: "x", dataChecksum: "42", directories: [blocked, user])
        let counter = Counter()
        #expect(try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute).1
            == .computed(storedIn: user.appendingPathComponent(cache.fileName)))
        #expect(try cache.statistics(warn: { counter.warnings.append($0) }, compute: counter.compute).1
            == .read(user.appendingPathComponent(cache.fileName)))
        #expect(counter.computations == 1 && counter.warnings.isEmpty)
    }

    @Test func dataChecksumCoversNamesContentsAndLabel() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a.png"), b = root.appendingPathComponent("b.png")
        try Data([1, 2, 3]).write(to: a)
        try Data([4]).write(to: b)
        let base = try ReferenceStatisticsCache.dataChecksum(label: "folder", files: [a, b], base: root)
        #expect(base.count == 64)
        #expect(try ReferenceStatisticsCache.dataChecksum(label: "mnist-test", files: [a, b], base: root) != base)
        #expect(try ReferenceStatisticsCache.dataChecksum(label: "folder", files: [a], base: root) != base)
        try Data([1, 2, 4]).write(to: a)
        #expect(try ReferenceStatisticsCache.dataChecksum(label: "folder", files: [a, b], base: root) != base)
        let c = root.appendingPathComponent("c.png")
        try Data([1, 2, 3]).write(to: c)
        #expect(try ReferenceStatisticsCache.dataChecksum(label: "folder", files: [c, b], base: root) != base)
        #expect(try ReferenceStatisticsCache.dataChecksum(label: "folder", files: [a, b], base: root)
            == (try ReferenceStatisticsCache.dataChecksum(label: "folder", files: [a, b], base: root)))
    }
}
