import Foundation
import LatentData
import LatentTestSupport
import Testing

// `latent train` of a self-evaluating model logs held-out metrics and writes the report; `latent report`
// rewrites it; `latent data` lists and refuses what it cannot fetch.

@Suite(.serialized) struct ReportAndDataCommandTests {
    @Test func anAutoencoderRunLogsValidationLossPerEpochAndWritesItsReport() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("ae")
        // With --steps 2 the run ends inside epoch 1 and evaluates once, at its end, on the 10,000 test images.
        let result = try LatentProcess.run(
            ["train", "autoencoder", "--batch-size", "256", "--steps", "2", "--threads", "1",
             "--data-dir", LatentProcess.mnist, "--out", run.path], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("val_loss"))
        let lines = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let evaluations = lines.filter { $0.contains("\"val_loss\"") }
        #expect(evaluations.count == 1)
        #expect(evaluations.first?.hasPrefix("{\"step\":2,\"epoch\":1,") == true)
        // An autoencoder generates nothing: its grid holds 32 originals and their reconstructions in alternating rows.
        let grid = try PNG.read(run.appendingPathComponent("samples/epoch-0001.png").path)
        #expect(grid.width == 8 * 30 + 2 && grid.height == 8 * 30 + 2)
        let report = run.appendingPathComponent("report.html")
        #expect(result.stdout.contains(report.path))
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("val_loss"))

        // The autoencoder's codes are features to cluster.
        let clustered = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "300", "--restarts", "1", "--features", run.path, "--json"], in: root)
        #expect(clustered.status == 0, "\(clustered.stderr)")
        #expect(clustered.stdout.contains("\"accuracy\"") && clustered.stdout.contains("\"method\":\"kmeans\""))
        let unknownLayer = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "300", "--features", run.path, "--layer", "q_categorical"], in: root)
        #expect(unknownLayer.status != 0)
        #expect(unknownLayer.stderr.contains("no layer \"q_categorical\"") && unknownLayer.stderr.contains("codes (the encoder's codes)"),
                "\(unknownLayer.stderr)")

        try FileManager.default.removeItem(at: report)
        let rewritten = try LatentProcess.run(["report", run.path], in: root)
        #expect(rewritten.status == 0, "\(rewritten.stderr)")
        #expect(FileManager.default.fileExists(atPath: report.path))
    }

    @Test func aGANRunsDiscriminatorFeaturesAreClusteredAndProbed() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("gan")
        let trained = try LatentProcess.run(
            ["train", "gan", "--steps", "2", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", run.path], in: root)
        #expect(trained.status == 0, "\(trained.stderr)")
        let clustered = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "200", "--restarts", "1", "--k", "4",
             "--features", run.path, "--layer", "discriminator", "--json"], in: root)
        #expect(clustered.status == 0, "\(clustered.stderr)")
        #expect(clustered.stdout.contains("\"layer\":\"discriminator\"") && clustered.stdout.contains("\"method\":\"kmeans\""))
        let sizes = try #require(clustered.stdout.split(separator: "[").last?.split(separator: "]").first)
        #expect(sizes.split(separator: ",").compactMap { Int($0) }.reduce(0, +) == 200, "\(clustered.stdout)")

        let probed = try LatentProcess.run(
            ["probe", run.path, "--layer", "discriminator", "--labels-per-class", "5", "--test-count", "200", "--json"], in: root)
        #expect(probed.status == 0, "\(probed.stderr)")
        #expect(probed.stdout.contains("\"train_examples\":50") && probed.stdout.contains("\"test_examples\":200")
                && probed.stdout.contains("\"test_accuracy\":"), "\(probed.stdout)")
        let tooManyLabels = try LatentProcess.run(["probe", run.path, "--labels-per-class", "100000"], in: root)
        #expect(tooManyLabels.status != 0 && tooManyLabels.stderr.contains("fewer than the 100000 asked for"), "\(tooManyLabels.stderr)")

        let pixelsWithLayer = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "200", "--layer", "discriminator"], in: root)
        #expect(pixelsWithLayer.status != 0 && pixelsWithLayer.stderr.contains("--layer discriminator needs --features RUN"))
    }

    @Test func theProbesBaselinesNeedNoRun() throws {
        func probe(_ arguments: [String]) throws -> (status: Int32, fields: [String: Any], stderr: String) {
            let result = try LatentProcess.run(
                ["probe"] + arguments + ["--data-dir", LatentProcess.mnist, "--labels-per-class", "20", "--test-count", "300",
                                         "--threads", "1", "--json"], in: LatentProcess.packageRoot)
            return (result.status, ((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]) ?? [:],
                    result.stderr)
        }
        let pixels = try probe(["pixels"])
        #expect(pixels.status == 0 && pixels.fields["dimension"] as? Int == 784 && pixels.fields["train_examples"] as? Int == 200,
                "\(pixels.stderr)")
        let classifier = try probe(["classifier"])
        #expect(classifier.status == 0 && classifier.fields["dimension"] as? Int == 128, "\(classifier.stderr)")
        // The supervised classifier's features separate digits far better than raw pixels with 20 labels per class.
        let pixelAccuracy = try #require(pixels.fields["test_accuracy"] as? Double)
        let classifierAccuracy = try #require(classifier.fields["test_accuracy"] as? Double)
        #expect(pixelAccuracy > 0.5 && classifierAccuracy > 0.95 && classifierAccuracy > pixelAccuracy)

        let withLayer = try probe(["pixels", "--layer", "discriminator"])
        #expect(withLayer.status != 0 && withLayer.stderr.contains("the pixels baseline has no layers"), "\(withLayer.stderr)")
        let notARun = try probe(["no-such-run"])
        #expect(notARun.status != 0 && notARun.stderr.contains("no-such-run"), "\(notARun.stderr)")
    }

    @Test func reportRefusesADirectoryThatIsNotARun() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try LatentProcess.run(["report", root.path], in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains(root.path) && result.stderr.contains("not a run directory"))
    }

    @Test func dataListNamesTheBundledMNISTAndDownloadRefusesUnknownNames() throws {
        // Listed from a directory without Data/: the bundled MNIST is the package resource in the build.
        let elsewhere = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let list = try LatentProcess.run(["data", "list"], in: elsewhere)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("mnist") && list.stdout.contains("LatentBundledData.resources/mnist"), "\(list.stdout)")
        #expect(list.stdout.contains("ring-8-gaussians"))
        let unknown = try LatentProcess.run(["data", "download", "imagenet"], in: LatentProcess.packageRoot)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("imagenet") && unknown.stderr.contains("cifar10"))
    }

    @Test func downloadReadsFilesFetchedByHandThroughAFileBaseURL() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let byHand = root.appendingPathComponent("by-hand"), target = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: byHand, withIntermediateDirectories: true)
        // Not the real list: its published MD5 refuses it, and nothing is kept.
        try Data("000001.jpg 0\n".utf8).write(to: byHand.appendingPathComponent("list_eval_partition.txt"))
        let refused = try LatentProcess.run(
            ["data", "download", "celeba", "--dir", target.path, "--base-url", byHand.absoluteString], in: root)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("MD5 mismatch") && refused.stderr.contains("d32c9cbf5e040fd4025c592c306e6668"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        // Without a base URL, CelebA's Google Drive files cannot be fetched: the message says how to proceed.
        let noMirror = try LatentProcess.run(["data", "download", "celeba", "--dir", target.path], in: root)
        #expect(noMirror.status != 0 && noMirror.stderr.contains("--base-url file:///FOLDER/"), "\(noMirror.stderr)")
        let relative = try LatentProcess.run(["data", "download", "facades", "--base-url", "some/folder"], in: root)
        #expect(relative.status != 0 && relative.stderr.contains("--base-url needs a URL with a scheme"), "\(relative.stderr)")
    }
}

@Suite struct ReproduceCommandTests {
    @Test func listNamesEveryReproductionAndUnknownNamesAreRefused() throws {
        let list = try LatentProcess.run(["reproduce", "--list"], in: LatentProcess.packageRoot)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("keras-autoencoder") && list.stdout.contains("vae-mnist"))
        for name in ["dcgan-mnist", "ring-8-gaussians", "dropout-gan", "gan-family-mnist", "ssgan-rotation", "contrastive-d", "progan-mnist", "stylegan-mnist", "cas-mnist", "gan-features-kmeans"] {
            #expect(list.stdout.contains(name))
        }
        let unknown = try LatentProcess.run(["reproduce", "no-such-paper"], in: LatentProcess.packageRoot)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no-such-paper") && unknown.stderr.contains("keras-autoencoder"))
    }

    @Test func epochsAreRefusedWhereAReproductionTrainsBySteps() throws {
        let refused = try LatentProcess.run(["reproduce", "ring-8-gaussians", "--epochs", "2"], in: LatentProcess.packageRoot)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("does not train by epochs"))
        let zero = try LatentProcess.run(["reproduce", "dropout-gan", "--epochs", "0"], in: LatentProcess.packageRoot)
        #expect(zero.status != 0 && zero.stderr.contains("--epochs must be at least 1"))
        let noSteps = try LatentProcess.run(["reproduce", "ssgan-rotation", "--steps", "0"], in: LatentProcess.packageRoot)
        #expect(noSteps.status != 0 && noSteps.stderr.contains("--steps must be at least 1"))
    }
}

@Suite struct ClusterCommandTests {
    @Test func kMeansOnPixelsScoresFarAboveChance() throws {
        let result = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "500", "--restarts", "2", "--threads", "1", "--json"],
            in: LatentProcess.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // Chance is about 0.1 accuracy and 0 NMI/ARI; k-means on raw MNIST pixels reaches about 0.5.
        let accuracy = try #require(fields["accuracy"] as? Double), nmi = try #require(fields["nmi"] as? Double)
        #expect(accuracy > 0.4 && accuracy <= 1)
        #expect(nmi > 0.3 && nmi <= 1)
        #expect(fields["samples"] as? Int == 500)
        // The classifier's features separate the digits it was trained on: k-means on them nearly matches the labels.
        let classifier = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "500", "--restarts", "2", "--features", "classifier", "--json"],
            in: LatentProcess.packageRoot)
        #expect(classifier.status == 0, "\(classifier.stderr)")
        let classifierFields = try JSONSerialization.jsonObject(with: Data(classifier.stdout.utf8)) as? [String: Any]
        #expect(try #require(classifierFields?["accuracy"] as? Double) > 0.9)
        let bad = try LatentProcess.run(["cluster", "--k", "0"], in: LatentProcess.packageRoot)
        #expect(bad.status != 0 && bad.stderr.contains("--k"))
    }
}
