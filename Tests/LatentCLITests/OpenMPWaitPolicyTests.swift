import Foundation
import Testing

// `latent` sets OMP_WAIT_POLICY=PASSIVE in its own environment unless the variable is set, before libdnnl
// (and with it libgomp) is opened at the first convolution (OpenMPWaitPolicy.preferPassive), without
// starting itself again. OMP_DISPLAY_ENV=TRUE makes libgomp print the policy it read when it loaded.

/// What `latent train dcgan`, started with `environment`, shows once it has run a convolution: the
/// environment it was started with (read from /proc, which setenv does not change) and what libgomp
/// printed on standard error.
private func convolutionRun(_ environment: [String: String]) throws -> (startedWith: [String: String], stderr: String) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("latent-omp-\(UUID())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    var environment = environment
    environment["OMP_DISPLAY_ENV"] = "TRUE"
    let latent = try LatentProcess(
        ["train", "dcgan", "--steps", "1000000", "--batch-size", "4", "--threads", "1", "--data-dir", LatentProcess.mnist,
         "--out", root.appendingPathComponent("run").path],
        in: root, environment: environment)
    defer {
        latent.send(SIGKILL)
        latent.wait()
    }
    #expect(waitUntil(seconds: 120) { latent.stderr.contains("OPENMP DISPLAY ENVIRONMENT END") }, "\(latent.stderr)")
    let raw = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(latent.process.processIdentifier)/environ"))
    let pairs = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    let startedWith = Dictionary(pairs.compactMap { pair in
        pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) }
    }, uniquingKeysWith: { $1 })
    return (startedWith, latent.stderr)
}

@Test func latentRunsOpenMPPassiveWithoutRestartingItself() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_WAIT_POLICY"] = nil
    environment["LATENT_TEST_MARK"] = "kept"
    let run = try convolutionRun(environment)
    #expect(run.stderr.contains("OMP_WAIT_POLICY = 'PASSIVE'"), "\(run.stderr)")
    // A restart would have passed the variable in the new program's starting environment.
    #expect(run.startedWith["OMP_WAIT_POLICY"] == nil)
    #expect(run.startedWith["LATENT_TEST_MARK"] == "kept")
}

@Test func latentKeepsAWaitPolicyTheUserSet() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_WAIT_POLICY"] = "ACTIVE"
    let run = try convolutionRun(environment)
    #expect(run.stderr.contains("OMP_WAIT_POLICY = 'ACTIVE'"), "\(run.stderr)")
    #expect(run.startedWith["OMP_WAIT_POLICY"] == "ACTIVE")
}
