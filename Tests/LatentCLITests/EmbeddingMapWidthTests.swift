import LatentMetrics
import LatentNN
import Testing

@testable import LatentCLIKit

// Regression: the PCA map of a run's discriminator features took the exact solver's d×d covariance whatever d was,
// 20 GB for pix2pix on 64-pixel RGB pairs. Wide vectors now take the randomized solver.

@Test func wideVectorsAreMappedByTheRandomizedSolver() throws {
    #expect(EmbeddingMap.pcaSolver(dimension: 4096) == .full)
    #expect(EmbeddingMap.pcaSolver(dimension: 4097) == .randomized)
    // 20,000 values per vector: the exact solver would need 3.2 GB for the covariance alone.
    var generator = RandomGenerator(seed: 1)
    let vectors = Tensor((0..<(4 * 20_000)).map { _ in generator.nextUniform() }, shape: [4, 20_000])
    let map = try EmbeddingMap(vectors: vectors, labels: [0, 1, 0, 1], method: .pca)
    #expect(map.points.count == 4 && map.points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    #expect(Set(map.points.map(\.x)).count > 1)
}
