import Foundation
import LatentTestSupport
import Testing

/// `latent train --classes` and `latent anomaly`: one-class training, scores, AUROC/AUPRC, figures and errors.
@Suite(.serialized) struct AnomalyCommandTests {
    /// An autoencoder trained for a few steps on the ones of the bundled MNIST, in `root/ones`.
    private func trainOnOnes(in root: URL) throws -> URL {
        let train = try LatentProcess.run(
            ["train", "autoencoder", "--classes", "1", "--steps", "20", "--batch-size", "64", "--threads", "1",
             "--data-dir", LatentProcess.mnist, "--out", "ones"], in: root)
        #expect(train.status == 0, "\(train.stderr)")
        return root.appendingPathComponent("ones")
    }

    @Test func oneClassRunScoresTestImagesAndDrawsThemInTheReport() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try trainOnOnes(in: root)
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(config.contains("classes: 1\n"))

        let result = try LatentProcess.run(
            ["anomaly", run.path, "--normal", "1", "--count", "600", "--data-dir", LatentProcess.mnist, "--json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(fields["score"] as? String == "reconstruction" && fields["positives"] as? String == "anomalies")
        // After 20 steps on ones the autoencoder already reconstructs them better than other digits (AUROC 0.78 when
        // measured; chance is 0.5).
        #expect(try #require(fields["auroc"] as? Double) > 0.7)
        let normals = try #require(fields["normal_count"] as? Int), anomalies = try #require(fields["anomaly_count"] as? Int)
        #expect(normals + anomalies == 600 && normals > 40)
        #expect(try #require(fields["auprc"] as? Double) > Double(anomalies) / 600)
        let folder = run.appendingPathComponent("analyses/anomaly-reconstruction-normal-1")
        for file in ["highest.png", "lowest.png", "histogram.svg", "histogram.png", "analysis.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        let report = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Anomaly detection: reconstruction score, normal class 1 of mnist"))
        #expect(report.contains("AUROC (anomalies positive)"))
        // The finished run's report also shows the PCA map of its codes.
        #expect(report.contains("PCA of 1000 mnist test images: codes after training"))

        let mixture = try LatentProcess.run(
            ["anomaly", run.path, "--normal", "1", "--score", "gmm", "--layer", "codes", "--components", "2", "--count", "300",
             "--data-dir", LatentProcess.mnist, "--json"], in: root)
        #expect(mixture.status == 0, "\(mixture.stderr)")
        #expect(mixture.stdout.contains("\"score\":\"gmm\"") && mixture.stdout.contains("2-component Gaussian mixture of the codes"))

        let resumed = try LatentProcess.run(
            ["train", "autoencoder", "--classes", "2", "--steps", "30", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--out", "ones", "--resume"], in: root)
        #expect(resumed.status != 0 && resumed.stderr.contains("classes is 1 there, 2 here"), "\(resumed.stderr)")
    }

    @Test func pixelMixtureNeedsNoRun() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try LatentProcess.run(
            ["anomaly", "--normal", "0,1", "--pca-components", "10", "--count", "500", "--data-dir", LatentProcess.mnist,
             "--out", "pixels"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("AUROC") && result.stdout.contains("anomalies are the positives"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("pixels/analysis.json").path))
    }

    @Test func anomalyRejectsBadInput() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try trainOnOnes(in: root).path
        let mnist = ["--data-dir", LatentProcess.mnist]
        let cases: [([String], String)] = [
            (["anomaly", run, "--normal", "12"] + mnist, "data set mnist has no class 12; its classes are 0…9"),
            (["anomaly", run, "--normal", "1", "--score", "elbo"] + mnist,
             "has no anomaly score \"elbo\"; it has reconstruction (the reconstruction's binary cross-entropy, summed over pixels), gmm"),
            (["anomaly", run, "--normal", "0,1,2,3,4,5,6,7,8,9"] + mnist, "names every class of mnist; no image would be anomalous"),
            (["anomaly", "--normal", "1", "--score", "energy"] + mnist, "--score energy needs a run directory"),
            (["anomaly", run, "--normal", "1", "--layer", "codes"] + mnist, "--layer codes chooses the codes of --score gmm"),
            (["anomaly", run, "--normal", "1", "--score", "gmm", "--layer", "q"] + mnist, "has no layer \"q\"; it has codes"),
            (["anomaly", run, "--normal", "1", "--components", "0"], "--components must be at least 1, got 0"),
            (["anomaly", run, "--normal", "one"], "--normal one"),
            (["anomaly", run, "--normal=-3"], "--normal -3"),
            (["train", "autoencoder", "--classes", "10", "--steps", "1", "--out", "bad"] + mnist, "data set mnist has no class 10"),
            (["train", "autoencoder", "--classes", "1,x", "--steps", "1", "--out", "bad"] + mnist, "\"x\" is not a class number"),
            (["train", "autoencoder", "--classes", "1", "--dataset", "ring-8-gaussians", "--steps", "1", "--out", "bad"],
             "data set ring-8-gaussians holds points"),
        ]
        for (arguments, message) in cases {
            let result = try LatentProcess.run(arguments, in: root)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad/config.yaml").path))
    }
}
