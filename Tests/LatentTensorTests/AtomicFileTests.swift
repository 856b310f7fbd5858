import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import LatentTensor
import LatentTestSupport
import Testing

// Atomic replacement of files: the old file survives every failure and no temporary is left behind.

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesLeavingNoTemporaries() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("state.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: target)
        try AtomicFile.write(Data([4, 5]), to: target)
        #expect(try Data(contentsOf: target) == Data([4, 5]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.bin"])
    }

    @Test func aFailedWriteKeepsTheOldFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("state.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: target)
        var calls = 0
        expectError(containing: [target.path, "write failed", String(cString: strerror(ENOSPC))]) {
            // The disk fills up after the first few bytes.
            try AtomicFile.write(Data(repeating: 9, count: 1000), to: target) { descriptor, bytes, count in
                calls += 1
                if calls == 1 { return write(descriptor, bytes, Swift.min(count, 10)) }
                errno = ENOSPC
                return -1
            }
        }
        #expect(try Data(contentsOf: target) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.bin"])
    }

    @Test func aFailedRenameRemovesTheTemporary() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data([7]).write(to: target.appendingPathComponent("inside"))
        expectError(containing: [target.path, "rename failed"]) { try AtomicFile.write(Data([1]), to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["occupied"])
        #expect(try Data(contentsOf: target.appendingPathComponent("inside")) == Data([7]))
    }

    @Test func aMissingDirectoryIsNamed() {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("latent-missing-\(UUID())/x.bin")
        expectError(containing: [target.path, String(cString: strerror(ENOENT))]) {
            try AtomicFile.write(Data([1]), to: target)
        }
    }
}
