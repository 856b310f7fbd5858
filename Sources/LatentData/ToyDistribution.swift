import Foundation
import LatentTensor

/// Two-dimensional distributions with known modes, for studying mode collapse.
public enum ToyDistribution: Sendable, Equatable {
    /// `modes` Gaussians of standard deviation `std` evenly spaced on a circle of radius `radius`
    /// (8, 2 and 0.02 in the unrolled-GAN paper).
    case ring(modes: Int = 8, radius: Float = 2, std: Float = 0.02)
    /// `side` × `side` Gaussians of standard deviation `std` on a square grid with `spacing` between
    /// neighbours, centred on the origin (5 × 5 at −4, −2, 0, 2, 4 by default).
    case grid(side: Int = 5, spacing: Float = 2, std: Float = 0.05)
    /// The swiss roll `t (cos t, sin t) / 7.5` for t uniform in [1.5π, 4.5π], plus Gaussian noise of
    /// standard deviation `std` (scikit-learn's roll, scaled to about [−2, 2]).
    case swissRoll(std: Float = 0.02)

    /// How many points along the roll stand for its modes.
    public static let swissRollCentreCount = 1000

    /// The mode centres, `[modes, 2]`. For the swiss roll, points evenly spaced in t along the
    /// noise-free roll (at most 0.02 apart), so that the distance to the nearest centre measures the
    /// distance to the roll.
    public var centres: Tensor {
        switch self {
        case .ring(let modes, let radius, _):
            precondition(modes > 0, "ToyDistribution.ring: expected at least one mode, got \(modes)")
            let points = (0..<modes).flatMap { mode -> [Float] in
                let angle = 2 * Double.pi * Double(mode) / Double(modes)
                return [radius * Float(cos(angle)), radius * Float(sin(angle))]
            }
            return Tensor(points, shape: [modes, 2])
        case .grid(let side, let spacing, _):
            precondition(side > 0, "ToyDistribution.grid: expected a positive side, got \(side)")
            let offset = Float(side - 1) / 2
            let points = (0..<(side * side)).flatMap { mode -> [Float] in
                [(Float(mode / side) - offset) * spacing, (Float(mode % side) - offset) * spacing]
            }
            return Tensor(points, shape: [side * side, 2])
        case .swissRoll:
            let count = Self.swissRollCentreCount
            let points = (0..<count).flatMap { step -> [Float] in
                Self.roll(at: Double(step) / Double(count - 1))
            }
            return Tensor(points, shape: [count, 2])
        }
    }

    /// `count` points, `[count, 2]`, and the mode each was drawn from (for the swiss roll, the nearest centre along the roll).
    public func sample(_ count: Int, generator: inout RandomGenerator) -> (points: Tensor, modes: [Int]) {
        precondition(count > 0, "ToyDistribution.sample: expected a positive count, got \(count)")
        let centres = self.centres.values
        let modeCount = centres.count / 2
        var points = [Float](repeating: 0, count: 2 * count)
        var modes = [Int](repeating: 0, count: count)
        for i in 0..<count {
            switch self {
            case .ring, .grid:
                modes[i] = generator.nextInt(below: modeCount)
                points[2 * i] = centres[2 * modes[i]]
                points[2 * i + 1] = centres[2 * modes[i] + 1]
            case .swissRoll:
                let position = Double(generator.nextUniform())
                modes[i] = Int((position * Double(modeCount - 1)).rounded())
                let point = Self.roll(at: position)
                points[2 * i] = point[0]
                points[2 * i + 1] = point[1]
            }
        }
        var noise = [Float](repeating: 0, count: 2 * count)
        noise.withUnsafeMutableBufferPointer { generator.fillNormal($0, std: std) }
        for i in 0..<(2 * count) { points[i] += noise[i] }
        return (Tensor(points, shape: [count, 2]), modes)
    }

    /// The standard deviation of the noise around each mode.
    public var std: Float {
        switch self {
        case .ring(_, _, let std), .grid(_, _, let std), .swissRoll(let std): std
        }
    }

    /// For each row of `points` (`[N, 2]`), the index of the nearest centre and the distance to it.
    public func nearestCentres(_ points: Tensor) -> (modes: [Int], distances: [Float]) {
        precondition(points.rank == 2 && points.shape[1] == 2,
                     "ToyDistribution.nearestCentres: expected points of shape [N, 2], got \(points.shape)")
        let centres = self.centres.values
        let values = points.values
        var modes: [Int] = [], distances: [Float] = []
        for i in 0..<points.shape[0] {
            var best = 0, bestSquared = Float.infinity
            for mode in 0..<(centres.count / 2) {
                let dx = values[2 * i] - centres[2 * mode], dy = values[2 * i + 1] - centres[2 * mode + 1]
                let squared = dx * dx + dy * dy
                if squared < bestSquared { best = mode; bestSquared = squared }
            }
            modes.append(best)
            distances.append(bestSquared.squareRoot())
        }
        return (modes, distances)
    }

    /// The point of the noise-free roll at `position` in [0, 1].
    private static func roll(at position: Double) -> [Float] {
        let t = 1.5 * Double.pi * (1 + 2 * position)
        return [Float(t * cos(t) / 7.5), Float(t * sin(t) / 7.5)]
    }
}
