import Foundation
import LatentData
import LatentTestSupport
import Testing

// `latent eval` with the reference statistics cache: the second evaluation against the same folder reads the
// statistics written by the first and gives the same FID; a corrupt file is replaced; --no-cache bypasses it.
// And `latent data download inception --from FILE` refuses a file that is not the FID weights.

@Suite struct EvalCacheCommandTests {
    /// A folder of MNIST test digits `range` as PNG files.
    private func digitFolder(_ root: URL, _ name: String, _ range: Range<Int>) throws -> URL {
        let folder = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let test = try MNIST.load(.test, from: LatentProcess.mnist)
        for index in range {
            let pixels = Array(test.pixels[(index * 784)..<((index + 1) * 784)])
            try PNG.write(Image(width: 28, height: 28, channels: 1, pixels: pixels), to: folder.appendingPathComponent("\(index).png").path)
        }
        return folder
    }

    /// The FID and the standard error of `latent eval INPUT --reference REFERENCE --metrics fid --json`.
    private func evaluate(_ input: URL, _ reference: URL, _ extra: [String] = []) throws -> (fid: Double, stderr: String) {
        let result = try LatentProcess.run(
            ["eval", input.path, "--reference", reference.path, "--metrics", "fid", "--json"] + extra, in: LatentProcess.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (try #require(fields?["fid"] as? Double), result.stderr)
    }

    @Test func secondEvaluationReadsTheCachedReferenceStatistics() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try digitFolder(root, "input", 0..<60), reference = try digitFolder(root, "reference", 60..<120)

        let first = try evaluate(input, reference)
        let stats = reference.appendingPathComponent(".fid-stats")
        let files = try FileManager.default.contentsOfDirectory(atPath: stats.path)
        #expect(files.count == 1 && files[0].hasPrefix("digits-mnist-"))
        let file = stats.appendingPathComponent(files[0])
        #expect(first.stderr.contains("reference statistics: computed, cached in \(file.path)"))

        let second = try evaluate(input, reference)
        #expect(second.stderr.contains("reference statistics: read from the cache \(file.path)"))
        #expect(second.fid == first.fid)

        let bypassed = try evaluate(input, reference, ["--no-cache"])
        #expect(bypassed.stderr.contains("reference statistics: computed, cache not used (--no-cache)"))
        #expect(bypassed.fid == first.fid)

        try Data("garbage".utf8).write(to: file)
        let repaired = try evaluate(input, reference)
        #expect(repaired.stderr.contains("warning: ignoring the cached reference statistics \(file.path)"))
        #expect(repaired.stderr.contains("reference statistics: computed, cached in \(file.path)"))
        #expect(repaired.fid == first.fid)
        #expect(try evaluate(input, reference).stderr.contains("read from the cache"))

        // A new image in the reference folder changes its checksum: a second cache file.
        _ = try digitFolder(root, "reference", 120..<121)
        #expect(try evaluate(input, reference).stderr.contains("reference statistics: computed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: stats.path).count == 2)
    }

    @Test func inceptionConversionRefusesOtherWeights() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let pth = LatentProcess.packageRoot.appendingPathComponent("Tests/LatentMetricsTests/Fixtures/torch/tiny-pytorch-fid.pth").path
        let result = try LatentProcess.run(["data", "download", "inception", "--from", pth, "--dir", root.path], in: LatentProcess.packageRoot)
        #expect(result.status != 0)
        #expect(result.stderr.contains("""
            \(pth): expected either pytorch-fid's names (Conv2d_1a_3x3.conv.weight) or 94 units of weight, beta, mean and var; \
            found 0 such units
            """), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        let misplaced = try LatentProcess.run(["data", "download", "mnist", "--from", pth], in: LatentProcess.packageRoot)
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--from converts Inception weights; it does not apply to mnist"))
    }
}
