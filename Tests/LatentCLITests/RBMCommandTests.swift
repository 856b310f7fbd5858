import Foundation
import LatentData
import LatentTestSupport
import Testing

// `latent train rbm` writes filters beside the samples, `latent eval --metrics log_likelihood` estimates the test
// log-likelihood (AIS beside the exact log Z of a small RBM), and the flags that do not apply are clear errors.

@Suite struct RBMCommandTests {
    @Test func trainedRBMHasFiltersAndALogLikelihood() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("rbm").path
        let trained = try LatentProcess.run(
            ["train", "rbm", "--steps", "20", "--threads", "1", "--out", run, "--option", "hidden=12", "--option", "sample_steps=2"],
            in: LatentProcess.packageRoot)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(FileManager.default.fileExists(atPath: run + "/filters/epoch-0001.png"))
        let report = try String(contentsOfFile: run + "/report.html", encoding: .utf8)
        #expect(report.contains("<h2>Filters</h2>"))

        let evaluated = try LatentProcess.run(
            ["eval", run, "--metrics", "log_likelihood", "--ais-distributions", "1000", "--ais-runs", "20", "--json"],
            in: LatentProcess.packageRoot)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let logLikelihood = try #require(fields["log_likelihood"] as? Double)
        let logZ = try #require(fields["log_z"] as? Double), exact = try #require(fields["log_z_exact"] as? Double)
        #expect(logLikelihood < 0 && logLikelihood > -600, "\(logLikelihood)")
        // A wiring check: 20 steps leave v_bias far from the data's base rates, so a short annealing is coarse here;
        // RBMTests holds AIS to 1% of Z.
        #expect(abs(logZ - exact) < 1, "AIS \(logZ), exact \(exact)")
        let metrics = try String(contentsOfFile: run + "/metrics.jsonl", encoding: .utf8)
        #expect(metrics.contains("\"eval_log_likelihood\""))
    }

    @Test func flagsThatDoNotApplyAreClearErrors() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let rbm = try LatentProcess.run(["train", "rbm", "--fine-tune", "--steps", "1", "--out", root.appendingPathComponent("r").path],
                                        in: LatentProcess.packageRoot)
        #expect(rbm.status != 0 && rbm.stderr.contains("model rbm has no option \"fine_tune\""), "\(rbm.stderr)")

        let run = root.appendingPathComponent("autoencoder").path
        let trained = try LatentProcess.run(["train", "autoencoder", "--steps", "1", "--threads", "1", "--out", run], in: LatentProcess.packageRoot)
        #expect(trained.status == 0, "\(trained.stderr)")
        let refused = try LatentProcess.run(["eval", run, "--metrics", "log_likelihood"], in: LatentProcess.packageRoot)
        #expect(refused.status != 0 && refused.stderr.contains("has no log-likelihood to estimate"), "\(refused.stderr)")
        let runs = try LatentProcess.run(["eval", run, "--metrics", "log_likelihood", "--ais-runs", "1"], in: LatentProcess.packageRoot)
        #expect(runs.status != 0 && runs.stderr.contains("--ais-runs"), "\(runs.stderr)")
    }

    @Test func fineTuningWithoutLabelsIsAClearError() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // A flat folder: its images carry no class, so a classifier has nothing to learn.
        let folder = root.appendingPathComponent("flat")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["a", "b", "c", "d"] {
            try PNG.write(Image(width: 28, height: 28, channels: 1, value: 100), to: folder.appendingPathComponent("\(name).png").path)
        }
        let refused = try LatentProcess.run(
            ["train", "dbn", "--fine-tune", "--dataset", "folder", "--data-dir", folder.path, "--batch-size", "2", "--steps", "2",
             "--option", "layers=4", "--option", "layer_steps=1", "--out", root.appendingPathComponent("run").path], in: root)
        #expect(refused.status != 0 && refused.stderr.contains("model dbn needs class labels to fine-tune its classifier"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("Fatal error"), "\(refused.stderr)")
    }
}
