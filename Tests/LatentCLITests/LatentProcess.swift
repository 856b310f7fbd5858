import Foundation
import Testing

/// The `latent` executable built next to the test bundle, run as a child process with its output in files.
struct LatentProcess {
    /// The package root, which holds the bundled MNIST in `Data/mnist`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The bundled MNIST training data.
    static let mnist = packageRoot.appendingPathComponent("Data/mnist").path

    /// The `latent` binary in the build products directory.
    static func executable() throws -> URL {
        var directories: [URL] = []
        if let main = Bundle.main.executableURL { directories.append(main.deletingLastPathComponent()) }
        directories += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }.map { $0.deletingLastPathComponent() }
        let found = directories.map { $0.appendingPathComponent("latent") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "no latent executable next to the test bundle in \(directories.map(\.path))")
    }

    let process = Process()
    let output: URL
    let errors: URL

    /// Starts `latent arguments…` in `directory`, in this process's environment or in `environment`; with a
    /// `launcher` (such as `setpriv --reuid=65534`), through it, and with `executable`, that copy of `latent`.
    init(
        _ arguments: [String], in directory: URL, environment: [String: String]? = nil, launcher: [String] = [],
        executable: URL? = nil
    ) throws {
        // The captured output lives in the system's temporary folder, never in the working directory.
        let temporary = FileManager.default.temporaryDirectory
        output = temporary.appendingPathComponent("latent-stdout-\(UUID()).txt")
        errors = temporary.appendingPathComponent("latent-stderr-\(UUID()).txt")
        try Data().write(to: output)
        try Data().write(to: errors)
        let latent = try executable ?? Self.executable()
        process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? latent
        process.arguments = launcher.isEmpty ? arguments : launcher.dropFirst() + [latent.path] + arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    /// Waits for the process to end; returns its exit status.
    @discardableResult
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the process wrote to standard output.
    var stdout: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
    /// What the process wrote to standard error.
    var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Runs `latent arguments…` in `directory` (through `launcher`, from `executable`, as `init` does) to its end:
    /// exit status, standard output and standard error.
    static func run(_ arguments: [String], in directory: URL, launcher: [String] = [], executable: URL? = nil) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let latent = try LatentProcess(arguments, in: directory, launcher: launcher, executable: executable)
        let status = latent.wait()
        let result = (status, latent.stdout, latent.stderr)
        try? FileManager.default.removeItem(at: latent.output)
        try? FileManager.default.removeItem(at: latent.errors)
        return result
    }
}

/// The step `RUN/checkpoints/latest` points to, or nil while there is none.
func latestCheckpointStep(_ run: URL) -> Int? {
    guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: run.appendingPathComponent("checkpoints/latest").path)
    else { return nil }
    return Int(target.dropFirst("step-".count))
}

/// Polls every 20 ms until `condition` holds or `seconds` pass; returns whether it held.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// Every file of `RUN/checkpoints/latest` by name, as bytes.
func latestCheckpointFiles(_ run: URL) throws -> [String: Data] {
    let latest = run.appendingPathComponent("checkpoints/latest")
    let names = try FileManager.default.contentsOfDirectory(atPath: latest.path)
    return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: latest.appendingPathComponent($0))) })
}

/// The lines of `RUN/metrics.jsonl` as JSON objects.
func metricsLines(_ run: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

/// `latent train MODEL` on the bundled MNIST (or `--dataset` in `arguments`) with one thread, into `root/name`;
/// fails the test when training fails.
func trainRun(_ model: String, _ arguments: [String], named name: String = "run", in root: URL) throws -> URL {
    let run = root.appendingPathComponent(name)
    let trained = try LatentProcess.run(
        ["train", model, "--data-dir", LatentProcess.mnist, "--threads", "1", "--out", run.path] + arguments, in: root)
    try #require(trained.status == 0, "\(trained.stderr)")
    return run
}

/// A CycleGAN on `mnist-inverse` trained one step with the smallest networks, in `root/run`; fails the test when
/// training fails.
func trainTinyCycleGAN(in root: URL) throws -> URL {
    try trainRun("cyclegan", ["--dataset", "mnist-inverse", "--steps", "1", "--option", "ngf=4", "--option", "ndf=4",
                              "--option", "n_blocks=1", "--option", "n_layers_D=1"], in: root)
}
