import Foundation
import LatentData
import LatentNN
import LatentTestSupport
import Testing

// `latent encode` writes a run's representation of images as codes and labels; `latent cluster` clusters
// ClusterGAN's cluster logits by argmax; runs with an encoder save reconstruction grids. Bad runs, layers and
// destinations stop with a message and write nothing.

@Suite(.serialized) struct EncodeCommandTests {
    @Test func aClusterGANRunEncodesClustersAndReconstructs() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("clustergan")
        let trained = try LatentProcess.run(
            ["train", "clustergan", "--steps", "1", "--batch-size", "8", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--out", run.path], in: root)
        #expect(trained.status == 0, "\(trained.stderr)")
        let reconstructions = try PNG.read(run.appendingPathComponent("samples/reconstructions/epoch-0001.png").path)
        #expect(reconstructions.width == 8 * 30 + 2, "8 columns of 28-pixel images")
        // One row of 8 samples per cluster, as InfoGAN's rows per categorical value.
        let grid = try PNG.read(run.appendingPathComponent("samples/epoch-0001.png").path)
        #expect(grid.width == 8 * 30 + 2 && grid.height == 10 * 30 + 2, "\(grid.width)×\(grid.height)")
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("analyses/clusters-encoder_categorical/clusters.png").path))
        #expect(try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8).contains("<h2>Reconstructions</h2>"))

        let clustered = try LatentProcess.run(
            ["cluster", "--data-dir", LatentProcess.mnist, "--count", "100", "--features", run.path,
             "--layer", "encoder_categorical", "--json"], in: root)
        #expect(clustered.status == 0, "\(clustered.stderr)")
        #expect(clustered.stdout.contains("\"method\":\"argmax\"") && clustered.stdout.contains("\"k\":10"), "\(clustered.stdout)")
        let sizes = try #require(clustered.stdout.split(separator: "[").last?.split(separator: "]").first)
        #expect(sizes.split(separator: ",").compactMap { Int($0) }.reduce(0, +) == 100, "\(clustered.stdout)")

        let codes = root.appendingPathComponent("codes.safetensors")
        let encoded = try LatentProcess.run(
            ["encode", run.path, "--dataset", "mnist", "--data-dir", LatentProcess.mnist, "--count", "30", "--layer", "encoder",
             "--out", codes.path], in: root)
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let file = try SafeTensors(contentsOf: codes)
        #expect(try file.tensor("codes").shape == [30, 40])
        let labels = try file.tensor("labels")
        let mnist = try #require(try DatasetCatalog().load("mnist", split: .test, dataDirectory: LatentProcess.mnist).images)
        #expect(labels.values.map { Int($0) } == Array(mnist.labels.prefix(30)))
        #expect(file.metadata["layer"] == "encoder" && file.metadata["kind"] == "features")

        let logits = try LatentProcess.run(
            ["encode", run.path, "--dataset", "mnist", "--data-dir", LatentProcess.mnist, "--count", "5", "--layer", "encoder_categorical",
             "--out", codes.path], in: root)
        #expect(logits.status == 0, "\(logits.stderr)")
        let replaced = try SafeTensors(contentsOf: codes)
        #expect(try replaced.tensor("codes").shape == [5, 10] && replaced.metadata["kind"] == "cluster_logits")
    }

    @Test func aBiGANRunEncodesAFolderOfImagesWithoutLabels() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("bigan")
        let trained = try LatentProcess.run(
            ["train", "bigan", "--steps", "2", "--batch-size", "8", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--out", run.path], in: root)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("samples/reconstructions/epoch-0001.png").path))
        let folder = root.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<3 {
            try PNG.write(Image(width: 28, height: 28, channels: 1, value: UInt8(40 * index)), to: folder.appendingPathComponent("\(index).png").path)
        }
        let codes = root.appendingPathComponent("codes.safetensors")
        let encoded = try LatentProcess.run(["encode", run.path, "--input", folder.path, "--layer", "encoder", "--out", codes.path], in: root)
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let file = try SafeTensors(contentsOf: codes)
        #expect(try file.tensor("codes").shape == [3, 50] && file.names == ["codes"], "a flat folder has no labels")
        let features = try LatentProcess.run(["encode", run.path, "--input", folder.path, "--out", codes.path], in: root)
        #expect(features.status == 0, "\(features.stderr)")
        let first = try SafeTensors(contentsOf: codes)
        let firstShape = try first.tensor("codes").shape
        #expect(first.metadata["layer"] == "discriminator" && firstShape == [3, 1024],
                "without --layer, the first representation: D's last hidden features")

        let wrongShape = root.appendingPathComponent("wide")
        try FileManager.default.createDirectory(at: wrongShape, withIntermediateDirectories: true)
        try PNG.write(Image(width: 32, height: 28, channels: 1, value: 9), to: wrongShape.appendingPathComponent("a.png").path)
        let refused = try LatentProcess.run(["encode", run.path, "--input", wrongShape.path, "--out", codes.path], in: root)
        #expect(refused.status != 0 && refused.stderr.contains("[1, 28, 32]"), "\(refused.stderr)")
        #expect(try SafeTensors(contentsOf: codes).tensor("codes").shape == [3, 1024], "the previous file is left whole")
    }

    @Test func badRunsLayersAndDestinationsStopWithAMessage() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("ae")
        let trained = try LatentProcess.run(
            ["train", "autoencoder", "--steps", "1", "--batch-size", "16", "--threads", "1", "--data-dir", LatentProcess.mnist,
             "--out", run.path], in: root)
        #expect(trained.status == 0, "\(trained.stderr)")
        let out = root.appendingPathComponent("codes.safetensors").path
        func encode(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            try LatentProcess.run(["encode"] + arguments, in: root)
        }
        let data = ["--dataset", "mnist", "--data-dir", LatentProcess.mnist, "--count", "4"]

        let unknownLayer = try encode([run.path] + data + ["--layer", "encoder", "--out", out])
        #expect(unknownLayer.status != 0 && unknownLayer.stderr.contains("no layer \"encoder\"")
                && unknownLayer.stderr.contains("codes (the encoder's codes)"), "\(unknownLayer.stderr)")
        let missingFolder = try encode([run.path] + data + ["--out", root.appendingPathComponent("none/codes.safetensors").path])
        #expect(missingFolder.status != 0 && missingFolder.stderr.contains("does not exist"), "\(missingFolder.stderr)")
        let folderOut = root.appendingPathComponent("folder.safetensors")
        try FileManager.default.createDirectory(at: folderOut, withIntermediateDirectories: true)
        let intoFolder = try encode([run.path] + data + ["--out", folderOut.path])
        #expect(intoFolder.status != 0 && intoFolder.stderr.contains("is a folder"), "\(intoFolder.stderr)")
        let wrongExtension = try encode([run.path] + data + ["--out", root.appendingPathComponent("codes.npy").path])
        #expect(wrongExtension.status != 0 && wrongExtension.stderr.contains(".safetensors"), "\(wrongExtension.stderr)")
        let bothSources = try encode([run.path] + data + ["--input", root.path, "--out", out])
        #expect(bothSources.status != 0 && bothSources.stderr.contains("exactly one of --dataset and --input"))

        let untrained = root.appendingPathComponent("untrained")
        try FileManager.default.createDirectory(at: untrained, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: run.appendingPathComponent("config.yaml"), to: untrained.appendingPathComponent("config.yaml"))
        let noCheckpoint = try encode([untrained.path] + data + ["--out", out])
        #expect(noCheckpoint.status != 0 && noCheckpoint.stderr.contains("no checkpoint yet"), "\(noCheckpoint.stderr)")

        let classifier = root.appendingPathComponent("classifier")
        let trainedClassifier = try LatentProcess.run(
            ["train", "classifier", "--steps", "1", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", classifier.path], in: root)
        #expect(trainedClassifier.status == 0, "\(trainedClassifier.stderr)")
        let nothing = try encode([classifier.path] + data + ["--out", out])
        #expect(nothing.status != 0 && nothing.stderr.contains("maps no images to codes or features"), "\(nothing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written on failure")
    }
}
