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
