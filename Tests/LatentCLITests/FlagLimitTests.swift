import Foundation
import LatentTestSupport
import Testing

// Absurd numeric flag values (issue 14): refused at once, before any allocation or thread is made, with one message
// that names the flag and the value, under the one prefix every error has.

@Suite struct FlagLimitTests {
    @Test(arguments: [
        (["train", "gan", "--threads", "9223372036854775807"], "threads must be at most 1024, got 9223372036854775807"),
        (["train", "gan", "--epochs", "9223372036854775807", "--steps", "2"], "epochs must be at most 1000000, got 9223372036854775807"),
        (["train", "gan", "--batch-size", "9223372036854775807"], "batch size must be at most 65536, got 9223372036854775807"),
        (["sample", "/no/such/run", "--count", "9223372036854775807"], "--count must be at most 65536, got 9223372036854775807"),
        (["sample", "/no/such/run", "--count", "1000000000000"], "--count must be at most 65536, got 1000000000000"),
        (["sample", "/no/such/run", "--interpolate", "1000000000"], "--interpolate must be at most 65536, got 1000000000"),
        (["sample", "/no/such/run", "--interpolate", "1000", "--columns", "1000"], "--interpolate 1000 × --columns 1000 must be at most 65536"),
        (["sample", "/no/such/run", "--columns", "9223372036854775807"], "--columns must be at most 1024, got 9223372036854775807"),
        (["sample", "/no/such/run", "--manifold", "100000"], "--manifold must be at most 256, got 100000"),
        (["eval", "mnist-test", "--count", "1000000000000"], "--count must be at most 100000, got 1000000000000"),
        (["eval", "mnist-test", "--threads", "9223372036854775807"], "--threads must be at most 1024, got 9223372036854775807"),
        (["eval", "mnist-test", "--metrics", ""], "the list is empty"),
        (["cluster", "--k", "9223372036854775807"], "--k must be at most 10000, got 9223372036854775807"),
        (["cluster", "--restarts", "9223372036854775807"], "--restarts must be at most 1000, got 9223372036854775807"),
        (["cluster", "--threads", "2000"], "--threads must be at most 1024, got 2000"),
        (["reproduce", "vae-mnist", "--epochs", "9223372036854775807"], "--epochs must be at most 1000000, got 9223372036854775807"),
        (["reproduce", "vae-mnist", "--threads", "9223372036854775807"], "--threads must be at most 1024, got 9223372036854775807"),
    ])
    func hugeValuesAreRefusedAtOnceNamingFlagAndValue(arguments: [String], message: String) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try LatentProcess.run(arguments, in: root)
        #expect(result.status == 64 || result.status == 1, "\(result.status)")
        #expect(result.stderr.hasPrefix("latent: error: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }
}

extension FlagLimitTests {
    @Test(arguments: [
        (["train", "gan", "--bogus"], "latent: error: Unknown option '--bogus'"),
        (["sample", "/no/such/run", "--count", "abc"], "latent: error: The value 'abc' is invalid for '--count <count>'"),
        (["sample", "/no/such/run", "--count", "0"], "latent: error: --count must be at least 1, got 0"),
    ])
    func parseErrorsStartWithThePrefixOfEveryOtherError(arguments: [String], start: String) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try LatentProcess.run(arguments, in: root)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(start), "\(result.stderr)")
        #expect(!result.stderr.contains("Error: "))
    }
}
