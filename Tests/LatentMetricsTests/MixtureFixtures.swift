import Foundation
import LatentNN

/// The scikit-learn reference values written by Scripts/make_mixture_fixtures.py.
struct MixtureFixtures: Decodable {
    struct PCA: Decodable {
        let data: [[Double]]
        let components: Int
        let mean, explained_variance, explained_variance_ratio, singular_values: [Double]
        let noise_variance: Double
        let principal_axes, whitened_codes_first_rows, reconstruction_first_rows: [[Double]]
        let randomized_explained_variance: [Double]
    }
    struct Mixture: Decodable {
        let covariance_type: String
        let max_iter: Int, tol: Double
        let weights_init, means_init, precisions_init: [Double]
        let weights, means, covariances: [Double]
        let n_iter: Int, converged: Bool, lower_bound: Double, score: Double
        let score_samples_first_rows, predict_proba_first_rows: [Double]
        let bic, aic: Double
    }
    struct Ranking: Decodable {
        let scores: [Double]
        let labels: [Bool]
        let auroc, average_precision: Double
    }

    let pca: PCA
    let gmm_data: [[Double]]
    let gmm: [Mixture]
    let ranking: [Ranking]

    static let shared: MixtureFixtures = {
        let url = Bundle.module.url(forResource: "mixtures", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(MixtureFixtures.self, from: Data(contentsOf: url))
    }()
}

/// A `[rows, columns]` tensor of the rows (Float32-exact values).
func matrixTensor(_ rows: [[Double]]) -> Tensor {
    Tensor(rows.flatMap { $0.map(Float.init) }, shape: [rows.count, rows[0].count])
}

/// Whether every value of `actual` is within `relative` of `expected` relative to the larger magnitude
/// (or `absolute`, for values near zero).
func allClose(_ actual: [Double], _ expected: [Double], relative: Double, absolute: Double = 1e-12) -> Bool {
    actual.count == expected.count
        && zip(actual, expected).allSatisfy { abs($0 - $1) <= max(absolute, relative * max(abs($0), abs($1))) }
}
