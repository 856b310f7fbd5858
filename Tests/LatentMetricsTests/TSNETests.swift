import Foundation
@testable import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

/// scikit-learn's t-SNE on a small clustered data set, written by Scripts/make_tsne_fixtures.py.
private struct TSNEFixture: Decodable {
    struct Row: Decodable { let columns: [Int]; let values: [Double] }
    struct Run: Decodable { let random_state: Int; let kl_divergence: Double; let n_iter: Int }
    let perplexity: Double
    let data: [[Double]]
    let labels: [Int]
    let p_first_rows: [Row]
    let runs: [Run]

    static let shared: TSNEFixture = {
        let url = Bundle.module.url(forResource: "tsne", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(TSNEFixture.self, from: Data(contentsOf: url))
    }()
}

@Test func tsneAffinitiesMatchScikitLearn() throws {
    let fixture = TSNEFixture.shared
    let samples = try SampleMatrix(matrixTensor(fixture.data), metric: "t-SNE", minimumCount: 3, reason: "")
    let affinities = TSNEAffinities(samples, perplexity: fixture.perplexity)
    #expect(abs(affinities.values.reduce(0, +) - 1) < 1e-12)
    for (row, expected) in fixture.p_first_rows.enumerated() {
        let range = affinities.rowStarts[row]..<affinities.rowStarts[row + 1]
        #expect(Array(affinities.columns[range]) == expected.columns)
        // scikit-learn searches the precisions on Float32 squared distances: agreement is about 1e-7.
        #expect(allClose(Array(affinities.values[range]), expected.values, relative: 1e-5))
    }
}

@Test func tsneFinalKLDivergenceIsWithinFivePercentOfScikitLearn() throws {
    let fixture = TSNEFixture.shared
    let result = try fitTSNE(matrixTensor(fixture.data))
    let expected = fixture.runs[0].kl_divergence
    #expect(abs(result.klDivergence - expected) / expected < 0.05, "KL \(result.klDivergence), scikit-learn \(expected)")
    // The reported KL uses the Barnes–Hut estimate of Z; the exact one at the final embedding is close to it.
    let samples = try SampleMatrix(matrixTensor(fixture.data), metric: "t-SNE", minimumCount: 3, reason: "")
    let exact = TSNEObjective(affinities: TSNEAffinities(samples, perplexity: 30)).exact(result.embedding).kl
    #expect(abs(exact - expected) / expected < 0.05, "exact KL \(exact), scikit-learn \(expected)")
    #expect(result.iterations == fixture.runs[0].n_iter + 1 || result.iterations == 1000)
}

/// A small problem: the first 12 points of the fixture with perplexity 3, at a random embedding.
private func smallObjective() throws -> (TSNEObjective, [Double]) {
    let data = Array(TSNEFixture.shared.data.prefix(12))
    let samples = try SampleMatrix(matrixTensor(data), metric: "t-SNE", minimumCount: 3, reason: "")
    var generator = RandomGenerator(seed: 5)
    let embedding = (0..<24).map { _ in Double(generator.nextUInt64() >> 11) * 0x1p-53 * 4 - 2 }
    return (TSNEObjective(affinities: TSNEAffinities(samples, perplexity: 3)), embedding)
}

@Test func tsneGradientMatchesFiniteDifferences() throws {
    let (objective, embedding) = try smallObjective()
    let gradient = objective.exact(embedding).gradient
    let h = 1e-6
    for k in embedding.indices {
        var plus = embedding, minus = embedding
        plus[k] += h
        minus[k] -= h
        let numeric = (objective.exact(plus).kl - objective.exact(minus).kl) / (2 * h)
        #expect(abs(numeric - gradient[k]) < 1e-7 + 1e-5 * abs(gradient[k]), "coordinate \(k): \(numeric) vs \(gradient[k])")
    }
}

@Test func barnesHutGradientIsExactAtAngleZeroAndCloseAtOneHalf() throws {
    let (objective, embedding) = try smallObjective()
    let exact = objective.exact(embedding)
    let zero = objective.barnesHut(embedding, angle: 0)
    #expect(allClose(zero.gradient, exact.gradient, relative: 1e-10, absolute: 1e-14))
    #expect(abs(zero.kl - exact.kl) < 1e-12)
    let half = objective.barnesHut(embedding, angle: 0.5)
    let error = zip(half.gradient, exact.gradient).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    let norm = exact.gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
    #expect(error / norm < 0.1)
}

@Test func tsneRejectsBadInput() {
    expectError(containing: ["t-SNE", "perplexity 30.0", "below the 12 samples"]) {
        _ = try fitTSNE(matrixTensor(Array(TSNEFixture.shared.data.prefix(12))))
    }
    expectError(containing: ["t-SNE"]) { _ = try fitTSNE(matrixTensor([[1, 2], [3, 4]])) }
    var settings = TSNESettings()
    settings.maxIterations = 10
    expectError(containing: ["t-SNE", "max_iter must be at least 250"]) {
        _ = try fitTSNE(matrixTensor(TSNEFixture.shared.data), settings: settings)
    }
}
