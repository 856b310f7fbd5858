import Foundation
import LatentMetrics
import LatentNN
import LatentTestSupport
import Testing

/// The rows of a row-major matrix with `columns` columns.
private func rows(_ values: [Double], columns: Int) -> [[Double]] {
    stride(from: 0, to: values.count, by: columns).map { Array(values[$0..<$0 + columns]) }
}

/// Whether each row of `actual` equals the same row of `expected` or its negative.
private func sameUpToSign(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double) -> Bool {
    zip(actual, expected).allSatisfy { a, e in
        allClose(a, e, relative: 0, absolute: tolerance) || allClose(a.map { -$0 }, e, relative: 0, absolute: tolerance)
    }
}

@Test func pcaMatchesScikitLearn() throws {
    let expected = MixtureFixtures.shared.pca
    let pca = try fitPCA(matrixTensor(expected.data), components: expected.components, whiten: true)
    #expect(allClose(pca.mean, expected.mean, relative: 1e-12))
    #expect(allClose(pca.explainedVariance, expected.explained_variance, relative: 1e-10))
    #expect(allClose(pca.explainedVarianceRatio, expected.explained_variance_ratio, relative: 1e-10))
    #expect(allClose(pca.singularValues, expected.singular_values, relative: 1e-10))
    #expect(close(pca.noiseVariance, expected.noise_variance, relative: 1e-8))
    #expect(sameUpToSign(rows(pca.components, columns: pca.dimension), expected.principal_axes, tolerance: 1e-9))
}

@Test func randomizedPCAMatchesTheFullSolver() throws {
    let expected = MixtureFixtures.shared.pca
    let data = matrixTensor(expected.data)
    let full = try fitPCA(data, components: expected.components)
    let randomized = try fitPCA(data, components: expected.components, solver: .randomized, seed: 5)
    #expect(allClose(randomized.explainedVariance, expected.randomized_explained_variance, relative: 1e-9))
    #expect(sameUpToSign(rows(randomized.components, columns: full.dimension), rows(full.components, columns: full.dimension), tolerance: 1e-8))
}

@Test func whitenedPCATransformsAndInvertsAsScikitLearn() throws {
    let expected = MixtureFixtures.shared.pca
    let pca = try fitPCA(matrixTensor(expected.data), components: expected.components, whiten: true)
    let first = matrixTensor(Array(expected.data.prefix(4)))
    let codes = try pca.transform(first)
    // Codes compared up to each axis's sign, in Float32.
    let codeRows = codes.withValues { rows($0.map(Double.init), columns: expected.components) }
    for (actual, reference) in zip(codeRows, expected.whitened_codes_first_rows) {
        #expect(allClose(actual.map(abs), reference.map(abs), relative: 1e-5, absolute: 1e-5))
    }
    let back = try pca.inverseTransform(codes).withValues { $0.map(Double.init) }
    #expect(allClose(back, expected.reconstruction_first_rows.flatMap { $0 }, relative: 1e-5, absolute: 1e-5))
}

@Test func pcaOfALineHasOneAxisWithAllTheVariance() throws {
    // Points (t, 2t) for t = -1, 0, 1: variance 5 along (1, 2)/√5 and none across.
    let pca = try fitPCA(Tensor([-1, -2, 0, 0, 1, 2], shape: [3, 2]), components: 2)
    #expect(abs(pca.explainedVariance[0] - 5) < 1e-12 && abs(pca.explainedVariance[1]) < 1e-12)
    #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-12)
    #expect(allClose(Array(pca.components[0..<2]), [1 / 5.0.squareRoot(), 2 / 5.0.squareRoot()], relative: 1e-12))
}

@Test func pcaSavesAndLoads() throws {
    let pca = try fitPCA(matrixTensor(MixtureFixtures.shared.pca.data), components: 2, whiten: true)
    let url = try makeTemporaryDirectory().appendingPathComponent("pca.safetensors")
    try pca.save(to: url)
    #expect(try PrincipalComponents.load(from: url) == pca)
}

@Test func pcaRejectsBadInput() throws {
    let data = matrixTensor(MixtureFixtures.shared.pca.data)
    expectError(containing: ["PCA", "n_components 7", "min(samples, features) = 6"]) { _ = try fitPCA(data, components: 7) }
    expectError(containing: ["PCA", "1 samples, at least 2"]) { _ = try fitPCA(Tensor([1, 2], shape: [1, 2]), components: 1) }
    expectError(containing: ["PCA", "not finite"]) { _ = try fitPCA(Tensor([1, .nan, 2, 3], shape: [2, 2]), components: 1) }
    let pca = try fitPCA(data, components: 2)
    expectError(containing: ["PCA", "dimensions differ (6 and 5)"]) { _ = try pca.transform(Tensor.zeros([2, 5])) }
    let url = try makeTemporaryDirectory().appendingPathComponent("broken.safetensors")
    try Data("not a safetensors file".utf8).write(to: url)
    expectError(containing: [url.path]) { _ = try PrincipalComponents.load(from: url) }
}
