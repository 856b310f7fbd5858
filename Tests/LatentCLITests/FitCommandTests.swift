import Foundation
import LatentMetrics
import LatentTestSupport
import Testing

@Suite struct FitCommandTests {
    @Test func pcaThenGaussianMixtureOnPixels() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let pcaFile = root.appendingPathComponent("pca.safetensors").path
        let pca = try LatentProcess.run(
            ["fit", "pca", "--data-dir", LatentProcess.mnist, "--split", "test", "--count", "400", "--n-components", "20",
             "--threads", "1", "--out", pcaFile, "--json"], in: root)
        #expect(pca.status == 0, "\(pca.stderr)")
        let pcaFields = try #require(try JSONSerialization.jsonObject(with: Data(pca.stdout.utf8)) as? [String: Any])
        let ratios = try #require(pcaFields["explained_variance_ratio"] as? [Double])
        #expect(ratios.count == 20 && zip(ratios, ratios.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(try PrincipalComponents.load(from: URL(fileURLWithPath: pcaFile)).componentCount == 20)

        let gmmFile = root.appendingPathComponent("gmm.safetensors").path
        let gmm = try LatentProcess.run(
            ["fit", "gmm", "--data-dir", LatentProcess.mnist, "--split", "test", "--count", "400", "--pca", pcaFile,
             "--covariance-type", "diag", "--n-init", "2", "--threads", "1", "--out", gmmFile, "--json"], in: root)
        #expect(gmm.status == 0, "\(gmm.stderr)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(gmm.stdout.utf8)) as? [String: Any])
        // Chance is about 0.1 accuracy and 0 NMI; a mixture on PCA-20 pixels clusters digits far better.
        #expect(try #require(fields["accuracy"] as? Double) > 0.3)
        #expect(try #require(fields["nmi"] as? Double) > 0.2)
        let model = try GaussianMixture.load(from: URL(fileURLWithPath: gmmFile))
        #expect(model.components == 10 && model.dimension == 20 && model.covarianceType == .diag)
        #expect(fields["bic"] as? Double != nil && fields["log_likelihood"] as? Double != nil)
    }

    @Test func aRunsLayerChoosesTheFeaturesFitted() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try trainRun("bigan", ["--steps", "1", "--batch-size", "8"], in: root)
        func fit(_ arguments: [String]) throws -> (status: Int32, fields: [String: Any], stderr: String) {
            let result = try LatentProcess.run(
                ["fit"] + arguments + ["--data-dir", LatentProcess.mnist, "--split", "test", "--count", "40", "--features",
                                       run.path, "--threads", "1", "--json"], in: root)
            let fields = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
            return (result.status, fields ?? [:], result.stderr)
        }
        // BiGAN's E(x) is its 50-value code; D's last hidden layer has 1024 units, and is the run's first representation.
        let codes = try fit(["pca", "--layer", "encoder", "--n-components", "3"])
        #expect(codes.status == 0 && codes.fields["dimension"] as? Int == 50 && codes.fields["layer"] as? String == "encoder",
                "\(codes.stderr)")
        let first = try fit(["pca", "--n-components", "3"])
        #expect(first.status == 0 && first.fields["dimension"] as? Int == 1024, "\(first.stderr)")
        let mixture = try fit(["gmm", "--layer", "encoder", "--n-components", "2", "--covariance-type", "diag"])
        #expect(mixture.status == 0 && mixture.fields["dimension"] as? Int == 50, "\(mixture.stderr)")

        let unknown = try fit(["gmm", "--layer", "q_categorical", "--n-components", "2"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no layer \"q_categorical\"")
                && unknown.stderr.contains("encoder"), "\(unknown.stderr)")
        let withoutRun = try LatentProcess.run(
            ["fit", "pca", "--data-dir", LatentProcess.mnist, "--count", "10", "--layer", "encoder"], in: root)
        #expect(withoutRun.status != 0 && withoutRun.stderr.contains("--layer encoder needs --features RUN"), "\(withoutRun.stderr)")
    }

    @Test func fitRejectsBadFlagsAndTooFewSamples() throws {
        let root = LatentProcess.packageRoot
        for (arguments, flag) in [(["fit", "gmm", "--n-components", "0"], "--n-components"),
                                  (["fit", "gmm", "--covariance-type", "tied"], "--covariance-type"),
                                  (["fit", "gmm", "--tol", "nan"], "--tol"),
                                  (["fit", "gmm", "--reg-covar", "-1"], "--reg-covar"),
                                  (["fit", "gmm", "--n-init", "100000"], "--n-init"),
                                  (["fit", "pca", "--svd-solver", "arpack"], "--svd-solver")] {
            let result = try LatentProcess.run(arguments, in: root)
            #expect(result.status != 0 && result.stderr.contains(flag), "\(arguments): \(result.stderr)")
        }
        let few = try LatentProcess.run(
            ["fit", "gmm", "--data-dir", LatentProcess.mnist, "--count", "5", "--n-components", "10"], in: root)
        #expect(few.status != 0 && few.stderr.contains("--n-components 10 exceeds the 5 samples"), "\(few.stderr)")
        let wide = try LatentProcess.run(
            ["fit", "pca", "--data-dir", LatentProcess.mnist, "--count", "5", "--n-components", "6"], in: root)
        #expect(wide.status != 0 && wide.stderr.contains("min(samples, features) = 5"), "\(wide.stderr)")
    }
}
