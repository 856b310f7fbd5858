import Foundation
import LatentNN

/// t-SNE's objective for a 2-D embedding: KL(P ‖ Q) with q_ij ∝ 1 / (1 + ‖y_i − y_j‖²) (a Student t with one
/// degree of freedom) over every pair, and its gradient 4 Σ_j (p_ij − q_ij)(y_i − y_j) / (1 + ‖y_i − y_j‖²),
/// exactly (O(N²)) or with the repulsive part by Barnes–Hut (O(N log N)).
struct TSNEObjective {
    let affinities: TSNEAffinities
    /// The factor on P (early exaggeration; 1 afterwards).
    var exaggeration = 1.0

    /// The objective and its gradient at `embedding` (`[y_0x, y_0y, y_1x, …]`), the normalisation Z and the
    /// repulsive forces summed exactly over every pair.
    func exact(_ embedding: [Double]) -> (kl: Double, gradient: [Double]) {
        let n = affinities.count
        var z = 0.0
        var repulsion = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                let dx = embedding[2 * i] - embedding[2 * j], dy = embedding[2 * i + 1] - embedding[2 * j + 1]
                let q = 1 / (1 + dx * dx + dy * dy)
                z += q
                repulsion[2 * i] += q * q * dx
                repulsion[2 * i + 1] += q * q * dy
            }
        }
        return combine(embedding, repulsion: repulsion, z: z, withKL: true)
    }

    /// The objective and its gradient at `embedding` with the repulsive forces and Z from a quadtree: cells
    /// seen under an angle below `angle` act as one point (angle 0 is exact); the KL divergence is NaN unless
    /// `withKL`.
    func barnesHut(_ embedding: [Double], angle: Double, withKL: Bool = true) -> (kl: Double, gradient: [Double]) {
        let n = affinities.count
        let tree = QuadTree(coordinates: embedding)
        var repulsion = [Double](repeating: 0, count: 2 * n)
        var partialZ = [Double](repeating: 0, count: n)
        repulsion.withUnsafeMutableBufferPointer { repulsion in
            partialZ.withUnsafeMutableBufferPointer { partialZ in
                Threads.forEachChunk(of: n, grain: 256) { points in
                    for i in points {
                        let (fx, fy, z) = tree.repulsion(x: embedding[2 * i], y: embedding[2 * i + 1], angle: angle)
                        repulsion[2 * i] = fx
                        repulsion[2 * i + 1] = fy
                        partialZ[i] = z
                    }
                }
            }
        }
        return combine(embedding, repulsion: repulsion, z: partialZ.reduce(0, +), withKL: withKL)
    }

    /// The gradient 4 (attraction − repulsion / Z), the attraction summed over P's entries, and the KL divergence
    /// Σ p_ij log(p_ij / q_ij) over them (with the exaggerated P, as scikit-learn reports it during exaggeration).
    private func combine(_ embedding: [Double], repulsion: [Double], z: Double, withKL: Bool) -> (kl: Double, gradient: [Double]) {
        let n = affinities.count
        var gradient = [Double](repeating: 0, count: 2 * n)
        var kl = withKL ? 0.0 : .nan
        let smallest = Double(Float.leastNormalMagnitude)
        for i in 0..<n {
            var ax = 0.0, ay = 0.0
            for entry in affinities.rowStarts[i]..<affinities.rowStarts[i + 1] {
                let j = affinities.columns[entry], p = affinities.values[entry] * exaggeration
                let dx = embedding[2 * i] - embedding[2 * j], dy = embedding[2 * i + 1] - embedding[2 * j + 1]
                let q = 1 / (1 + dx * dx + dy * dy)
                ax += p * q * dx
                ay += p * q * dy
                if withKL { kl += p * log(max(p, smallest) / max(q / z, smallest)) }
            }
            gradient[2 * i] = 4 * (ax - repulsion[2 * i] / z)
            gradient[2 * i + 1] = 4 * (ay - repulsion[2 * i + 1] / z)
        }
        return (kl, gradient)
    }
}
