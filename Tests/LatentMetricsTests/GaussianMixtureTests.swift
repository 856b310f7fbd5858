import Foundation
import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

private func initialization(_ expected: MixtureFixtures.Mixture) -> GaussianMixtureInitialization {
    GaussianMixtureInitialization(weights: expected.weights_init, means: expected.means_init, precisions: expected.precisions_init)
}

@Test(arguments: MixtureFixtures.shared.gmm)
func gaussianMixtureMatchesScikitLearnFromAFixedStart(expected: MixtureFixtures.Mixture) throws {
    let data = matrixTensor(MixtureFixtures.shared.gmm_data)
    let type = try #require(CovarianceType(rawValue: expected.covariance_type))
    let fit = try fitGaussianMixture(data, components: 3, covarianceType: type, tolerance: expected.tol,
                                     maxIterations: expected.max_iter, initialization: initialization(expected))
    let model = fit.model
    #expect(fit.iterations == expected.n_iter && fit.converged == expected.converged)
    #expect(close(fit.lowerBound, expected.lower_bound, relative: 1e-9))
    #expect(allClose(model.weights, expected.weights, relative: 1e-9))
    #expect(allClose(model.means, expected.means, relative: 1e-9, absolute: 1e-9))
    #expect(allClose(model.covariances, expected.covariances, relative: 1e-9, absolute: 1e-9))
    #expect(close(try model.score(data), expected.score, relative: 1e-9))
    let first = matrixTensor(Array(MixtureFixtures.shared.gmm_data.prefix(5)))
    #expect(allClose(try model.logLikelihoods(first), expected.score_samples_first_rows, relative: 1e-9))
    #expect(allClose(try model.responsibilities(first), expected.predict_proba_first_rows, relative: 1e-9, absolute: 1e-9))
    #expect(close(try model.bic(data), expected.bic, relative: 1e-9))
    #expect(close(try model.aic(data), expected.aic, relative: 1e-9))
}

extension MixtureFixtures.Mixture: CustomTestStringConvertible {
    var testDescription: String { "\(covariance_type), max_iter \(max_iter)" }
}

@Test func oneGaussianHasTheHandComputedLikelihood() throws {
    // N(0, 1) in one dimension: log p(0) = −½ ln 2π, log p(2) = −½ ln 2π − 2.
    let model = try GaussianMixture(covarianceType: .full, weights: [1], means: [0], covariances: [1])
    let values = try model.logLikelihoods(Tensor([0, 2], shape: [2, 1]))
    let constant = -0.5 * log(2 * Double.pi)
    #expect(abs(values[0] - constant) < 1e-12 && abs(values[1] - (constant - 2)) < 1e-12)
    // Parameters: one mean and one variance; BIC = −2 ΣlogL + 2 ln 2.
    #expect(model.parameterCount == 2)
    #expect(abs(try model.bic(Tensor([0, 2], shape: [2, 1])) - (-2 * values.reduce(0, +) + 2 * log(2))) < 1e-12)
}

@Test func gaussianMixtureSeparatesFarApartClustersFromKMeansStarts() throws {
    let data = matrixTensor(MixtureFixtures.shared.gmm_data)
    let truth = (0..<90).map { $0 / 30 }
    for type in CovarianceType.allCases {
        let fit = try fitGaussianMixture(data, components: 3, covarianceType: type, nInit: 3, seed: 1)
        #expect(try adjustedRandIndex(truth, fit.labels) > 0.9, "\(type)")
        #expect(fit.converged)
    }
}

@Test func gaussianMixtureSamplesFollowItsParameters() throws {
    let model = try GaussianMixture(covarianceType: .diag, weights: [0.25, 0.75], means: [-5, 0, 5, 1], covariances: [1, 4, 0.25, 1])
    let (values, components) = model.sample(count: 20_000, seed: 3)
    let share = Double(components.filter { $0 == 1 }.count) / 20_000
    #expect(abs(share - 0.75) < 0.015)
    let second = components.indices.filter { components[$0] == 1 }
    let meanX = second.reduce(0.0) { $0 + values[$1 * 2] } / Double(second.count)
    let varianceX = second.reduce(0.0) { $0 + pow(values[$1 * 2] - meanX, 2) } / Double(second.count)
    #expect(abs(meanX - 5) < 0.02 && abs(varianceX - 0.25) < 0.01)
}

@Test func gaussianMixtureResponsibilitiesSumToOneFarFromEveryComponent() throws {
    // A point 1000 standard deviations away underflows exp(log p); log-sum-exp keeps it finite.
    let model = try GaussianMixture(covarianceType: .spherical, weights: [0.5, 0.5], means: [0, 0, 10, 0], covariances: [1, 1])
    let far = Tensor([1000, 0], shape: [1, 2])
    let probabilities = try model.responsibilities(far)
    #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12 && probabilities[1] > 0.999)
    #expect(try model.logLikelihoods(far)[0].isFinite)
}

@Test func gaussianMixtureSavesAndLoads() throws {
    let data = matrixTensor(MixtureFixtures.shared.gmm_data)
    for type in CovarianceType.allCases {
        let model = try fitGaussianMixture(data, components: 3, covarianceType: type).model
        let url = try makeTemporaryDirectory().appendingPathComponent("gmm.safetensors")
        try model.save(to: url)
        #expect(try GaussianMixture.load(from: url) == model)
    }
}

@Test func gaussianMixtureRejectsBadInput() throws {
    let data = matrixTensor(MixtureFixtures.shared.gmm_data)
    expectError(containing: ["Gaussian mixture", "90 samples, at least 91"]) { _ = try fitGaussianMixture(data, components: 91) }
    expectError(containing: ["Gaussian mixture", "not finite"]) {
        _ = try fitGaussianMixture(Tensor([0, .infinity, 1, 2], shape: [4, 1]), components: 1)
    }
    expectError(containing: ["reg_covar", "positive definite"]) {
        // Four copies of two points: a component on one point has zero variance without reg_covar.
        _ = try fitGaussianMixture(Tensor([0, 0, 0, 0, 1, 1, 1, 1], shape: [8, 1]), components: 2, regCovar: 0)
    }
    expectError(containing: ["weights must be non-negative and sum to 1"]) {
        _ = try GaussianMixture(covarianceType: .spherical, weights: [0.5, 0.6], means: [0, 1], covariances: [1, 1])
    }
    expectError(containing: ["not positive definite"]) {
        _ = try GaussianMixture(covarianceType: .full, weights: [1], means: [0, 0], covariances: [1, 2, 2, 1])
    }
    let url = try makeTemporaryDirectory().appendingPathComponent("pca-not-gmm.safetensors")
    try fitPCA(data, components: 2).save(to: url)
    expectError(containing: [url.path, "covariance_type"]) { _ = try GaussianMixture.load(from: url) }
}
