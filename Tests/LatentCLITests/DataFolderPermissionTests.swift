import Foundation
import LatentTestSupport
import Testing

// A data folder the user may not open (issue 14) is reported as such, not as a folder missing its files.

@Test func anUnreadableDataFolderIsReportedAsPermissionDenied() throws {
    let root = try makeTemporaryDirectory()
    let data = root.appendingPathComponent("mnist")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
    defer {
        chmod(data.path, 0o755)
        try? FileManager.default.removeItem(at: root)
    }
    // Root opens every folder, so as root the command runs as the unprivileged user 65534 (nobody), from a copy of the
    // binary in a folder that user may enter.
    var launcher: [String] = [], executable: URL?
    if getuid() == 0 {
        let copy = root.appendingPathComponent("latent")
        try FileManager.default.copyItem(at: try LatentProcess.executable(), to: copy)
        launcher = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        executable = copy
    }
    #expect(chmod(root.path, 0o755) == 0 && chmod(data.path, 0) == 0)
    let result = try LatentProcess.run(
        ["train", "gan", "--data-dir", data.path, "--out", root.appendingPathComponent("run").path], in: root,
        launcher: launcher, executable: executable)
    #expect(result.status == 1)
    #expect(result.stderr == "latent: error: \(data.path): cannot be listed or opened (Permission denied); it should hold the mnist data\n")
}
