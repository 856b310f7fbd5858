import LatentData
import LatentTensor

/// How well samples of a 2-D generator cover the modes of a toy distribution, as the unrolled-GAN and
/// VEEGAN papers count them: a sample is of high quality when it lies within `sigmas` standard
/// deviations of its nearest mode, and a mode is covered when at least `minimumShare` of all samples
/// are high-quality samples near it.
public struct ModeCoverage: Sendable, Equatable {
    /// How many modes the distribution has.
    public let modeCount: Int
    /// How many modes are covered.
    public let coveredModes: Int
    /// The share of samples within `sigmas` standard deviations of their nearest mode.
    public let highQualityShare: Double
    /// The share of all samples that are high-quality samples of each mode, by mode index.
    public let sharePerMode: [Double]

    /// The coverage of `distribution`'s modes by `points` (`[N, 2]`, N ≥ 1).
    public init(points: Tensor, distribution: ToyDistribution, sigmas: Float = 3, minimumShare: Double = 0.01) {
        precondition(points.rank == 2 && points.shape[1] == 2 && points.shape[0] > 0,
                     "ModeCoverage: expected points of shape [N, 2] with N ≥ 1, got \(points.shape)")
        let (modes, distances) = distribution.nearestCentres(points)
        let modeCount = distribution.centres.shape[0]
        var counts = [Int](repeating: 0, count: modeCount)
        for (mode, distance) in zip(modes, distances) where distance <= sigmas * distribution.std {
            counts[mode] += 1
        }
        let total = Double(points.shape[0])
        self.modeCount = modeCount
        self.sharePerMode = counts.map { Double($0) / total }
        self.coveredModes = sharePerMode.filter { $0 >= minimumShare }.count
        self.highQualityShare = Double(counts.reduce(0, +)) / total
    }
}
