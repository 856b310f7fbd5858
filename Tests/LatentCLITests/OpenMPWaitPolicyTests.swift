import Foundation
import Testing

// `latent` restarts itself with OMP_WAIT_POLICY=PASSIVE unless the variable is set (OpenMPWaitPolicy).

/// The environment `latent train` runs in, read from /proc while it trains, when started in `environment`.
private func trainingEnvironment(_ environment: [String: String]) throws -> [String: String] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("latent-omp-\(UUID())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = root.appendingPathComponent("run")
    let latent = try LatentProcess(
        ["train", "gan", "--steps", "1000000", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", run.path],
        in: root, environment: environment)
    defer {
        latent.send(SIGKILL)
        latent.wait()
    }
    #expect(waitUntil(seconds: 60) { FileManager.default.fileExists(atPath: run.appendingPathComponent("config.yaml").path) },
            "\(latent.stderr)")
    let raw = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(latent.process.processIdentifier)/environ"))
    let pairs = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    return Dictionary(pairs.compactMap { pair in
        pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) }
    }, uniquingKeysWith: { $1 })
}

@Test func latentRunsWithPassiveOpenMPThreadsByDefault() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_WAIT_POLICY"] = nil
    environment["LATENT_TEST_MARK"] = "kept"
    let seen = try trainingEnvironment(environment)
    #expect(seen["OMP_WAIT_POLICY"] == "PASSIVE")
    #expect(seen["LATENT_TEST_MARK"] == "kept")
}

@Test func latentKeepsAWaitPolicyTheUserSet() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_WAIT_POLICY"] = "ACTIVE"
    #expect(try trainingEnvironment(environment)["OMP_WAIT_POLICY"] == "ACTIVE")
}
