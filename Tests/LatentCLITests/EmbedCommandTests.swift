import Foundation
import LatentData
import LatentTestSupport
import Testing

/// `latent embed`: PCA and t-SNE maps of pixels and of a run's codes, and its errors.
@Suite struct EmbedCommandTests {
    @Test func tsneAndPCAMapsOfPixels() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let tsne = try LatentProcess.run(
            ["embed", "--data-dir", LatentProcess.mnist, "--method", "tsne", "--count", "300", "--threads", "1",
             "--out", "map.png", "--json"], in: root)
        #expect(tsne.status == 0, "\(tsne.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(tsne.stdout.utf8)) as? [String: Any])
        let kl = try #require(fields["kl_divergence"] as? Double)
        #expect(kl > 0 && kl < 3 && fields["points"] as? Int == 300 && fields["dimension"] as? Int == 784)
        let image = try PNG.read(root.appendingPathComponent("map.png").path)
        #expect(image.width == 480 && image.height == 480)

        let pca = try LatentProcess.run(
            ["embed", "--data-dir", LatentProcess.mnist, "--count", "200", "--threads", "1", "--out", "map.svg"], in: root)
        #expect(pca.status == 0, "\(pca.stderr)")
        let svg = try String(contentsOf: root.appendingPathComponent("map.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("PCA of 200 mnist test images: pixels"))
    }

    @Test func mapOfARunsCodesGoesIntoItsReport() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let train = try LatentProcess.run(
            ["train", "vae", "--steps", "10", "--threads", "1", "--data-dir", LatentProcess.mnist, "--out", "vae"], in: root)
        #expect(train.status == 0, "\(train.stderr)")
        let result = try LatentProcess.run(
            ["embed", "vae", "--method", "tsne", "--count", "250", "--data-dir", LatentProcess.mnist, "--out", "codes.png"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("t-SNE of 250 mnist test images: codes of vae") && result.stdout.contains("KL divergence"))
        let analysis = root.appendingPathComponent("vae/analyses/embedding-codes-tsne")
        #expect(FileManager.default.fileExists(atPath: analysis.appendingPathComponent("map.svg").path))
        let report = try String(contentsOf: root.appendingPathComponent("vae/report.html"), encoding: .utf8)
        #expect(report.contains("t-SNE of 250 mnist test images: codes of vae") && report.contains("final KL divergence"))
    }

    @Test func embedRejectsBadInput() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let mnist = ["--data-dir", LatentProcess.mnist]
        let cases: [([String], String)] = [
            (["embed", "--method", "umap", "--out", "m.png"], "--method must be pca or tsne, got \"umap\""),
            (["embed", "--out", "m.jpg"], "--out must name a .png or .svg file"),
            (["embed", "--perplexity", "0", "--out", "m.png"], "--perplexity must be above 0"),
            (["embed", "--count", "2", "--out", "m.png"], "--count must be at least 3, got 2"),
            (["embed", "--layer", "codes", "--out", "m.png"] + mnist, "--layer codes needs a run directory"),
            (["embed", "--method", "tsne", "--count", "20", "--out", "m.png"] + mnist, "perplexity 30.0 must be positive and below the 20 samples"),
        ]
        for (arguments, message) in cases {
            let result = try LatentProcess.run(arguments, in: root)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
