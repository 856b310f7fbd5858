import Foundation
import LatentNN

/// The reference values written by Scripts/make_metric_fixtures.py.
struct MetricFixtures: Decodable {
    struct MeanStd: Decodable { let mean: Double, std: Double }
    struct Subsets: Decodable { let real: [[Int]], fake: [[Int]], mean: Double, std: Double }
    struct Score: Decodable { let seed: UInt64, count: Int, classes: Int, splits: Int, mean: Double, std: Double }
    struct PrecisionRecallValues: Decodable { let precision: Double, recall: Double }
    struct PRDC: Decodable { let precision: Double, recall: Double, density: Double, coverage: Double }
    struct Assignment: Decodable { let rows: Int, columns: Int, seed: UInt64, pairs: [[Int]], total: Double }
    struct Clustering: Decodable {
        let blob_seed: UInt64, per_blob: Int, noise_seed: UInt64, noise_classes: Int
        let kmeans_inertia: Double, nmi: Double, ari: Double, accuracy: Double
    }

    let fid: Double
    let fid_fewer_samples_than_dimensions: Double
    let kid_whole_sets: MeanStd
    let kid_subsets: Subsets
    let inception_score: Score
    let precision_recall_k3: PrecisionRecallValues
    let prdc_k5: PRDC
    let assignment_wide: Assignment
    let assignment_tall: Assignment
    let clustering: Clustering

    static let shared: MetricFixtures = {
        let url = Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(MetricFixtures.self, from: Data(contentsOf: url))
    }()
}

/// The fixture script's generator: a 64-bit linear congruential generator whose uniforms have
/// 24 bits, so that every value the inputs are built from is exact in Float64.
struct FixtureGenerator {
    var state: UInt64

    mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 40) / 0x1p24
    }

    mutating func bell() -> Double { uniform() + uniform() + uniform() - 1.5 }
}

enum FixtureData {
    /// The script's `features`: real rows mix each bell with the next, fake rows are shifted and scaled.
    static func features(seed: UInt64, count: Int = 300, dimension: Int = 32, shifted: Bool) -> Tensor {
        var generator = FixtureGenerator(state: seed)
        var values: [Float] = []
        for _ in 0..<count {
            let g = (0..<dimension).map { _ in generator.bell() }
            for j in 0..<dimension {
                values.append(Float(shifted ? 1.25 * g[j] + 0.25 * g[(j + 2) % dimension] + 0.125 : g[j] + 0.5 * g[(j + 1) % dimension]))
            }
        }
        return Tensor(values, shape: [count, dimension])
    }

    static var real: Tensor { features(seed: 1, shifted: false) }
    static var fake: Tensor { features(seed: 2, shifted: true) }

    /// The script's `probabilities`: u⁴ plus 1 for the row's favoured class, normalised.
    static func probabilities(seed: UInt64, count: Int, classes: Int) -> Tensor {
        var generator = FixtureGenerator(state: seed)
        var values: [Float] = []
        for i in 0..<count {
            let raw = (0..<classes).map { c in
                let u = generator.uniform()
                return (u * u) * (u * u) + (c == i % classes ? 1.0 : 0.0)
            }
            var total = 0.0
            for value in raw { total += value }
            values += raw.map { Float($0 / total) }
        }
        return Tensor(values, shape: [count, classes])
    }

    /// The script's `blobs`: four 2-D blobs and their labels.
    static func blobs(seed: UInt64, perBlob: Int) -> (points: Tensor, labels: [Int]) {
        var generator = FixtureGenerator(state: seed)
        var values: [Float] = [], labels: [Int] = []
        for (blob, centre) in [(0.0, 0.0), (8.0, 0.0), (0.0, 8.0), (8.0, 8.0)].enumerated() {
            for _ in 0..<perBlob {
                let x = Float(centre.0 + 0.5 * generator.bell())
                let y = Float(centre.1 + 0.5 * generator.bell())
                values += [x, y]
                labels.append(blob)
            }
        }
        return (Tensor(values, shape: [labels.count, 2]), labels)
    }

    /// The script's `noisy_labels`.
    static func noisyLabels(seed: UInt64, _ labels: [Int], classes: Int) -> [Int] {
        var generator = FixtureGenerator(state: seed)
        return labels.map { label in
            let u = generator.uniform(), v = generator.uniform()
            return u < 0.25 ? Int(Double(classes) * v) : label
        }
    }

    /// The script's `cost_matrix`.
    static func costMatrix(seed: UInt64, rows: Int, columns: Int) -> [[Double]] {
        var generator = FixtureGenerator(state: seed)
        return (0..<rows).map { _ in (0..<columns).map { _ in generator.uniform() } }
    }
}

/// Whether `actual` is within `relative` of `expected`, relative to its magnitude.
func close(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
    abs(actual - expected) <= relative * abs(expected)
}
