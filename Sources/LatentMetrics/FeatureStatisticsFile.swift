import Foundation
import LatentNN

extension FeatureStatistics {
    /// The safetensors names of the mean and covariance: the keys of pytorch-fid's `.npz` statistics.
    public static let meanKey = "mu", covarianceKey = "sigma"
    /// The metadata entry holding the number of feature vectors.
    public static let countKey = "count"

    /// Writes the statistics to `url` as safetensors, atomically: F64 `mu` of shape [D], F64 `sigma`
    /// of shape [D, D], and the sample count in the metadata entry `count`, with `metadata` besides.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try SafeTensors.write(
            [SafeTensors.Entry(Self.meanKey, doubles: mean, shape: [dimension]),
             SafeTensors.Entry(Self.covarianceKey, doubles: covariance, shape: [dimension, dimension])],
            metadata: metadata.merging([Self.countKey: String(count)]) { _, count in count }, to: url)
    }

    /// Reads statistics written by `save(to:)` (or any safetensors file with `mu` [D], `sigma` [D, D]
    /// and a `count` metadata entry). Throws `MetricError.invalidStatisticsFile` naming the file when
    /// a tensor or the count is missing, the shapes disagree or a value is not finite.
    public static func load(from url: URL) throws -> FeatureStatistics {
        func fail(_ problem: String) -> MetricError { .invalidStatisticsFile(path: url.path, problem: problem) }
        let file: SafeTensors
        do {
            file = try SafeTensors(contentsOf: url)
        } catch let error as SafeTensorsError {
            throw fail(error.problem)
        }
        guard let meanShape = file.shape(meanKey) else { throw fail("no tensor named \(meanKey) (the feature mean)") }
        guard let covarianceShape = file.shape(covarianceKey) else {
            throw fail("no tensor named \(covarianceKey) (the feature covariance)")
        }
        guard meanShape.count == 1, meanShape[0] >= 1 else {
            throw fail("\(meanKey) has shape \(meanShape), expected [dimension]")
        }
        let dimension = meanShape[0]
        guard covarianceShape == [dimension, dimension] else {
            throw fail("\(covarianceKey) has shape \(covarianceShape), expected [\(dimension), \(dimension)] to match \(meanKey)")
        }
        guard let countText = file.metadata[countKey] else {
            throw fail("no metadata entry \(countKey) (the number of feature vectors)")
        }
        guard let count = Int(countText), count >= 0 else {
            throw fail("metadata \(countKey) is \"\(countText)\", expected a non-negative integer")
        }
        let mean = try file.doubles(meanKey), covariance = try file.doubles(covarianceKey)
        guard mean.allSatisfy(\.isFinite), covariance.allSatisfy(\.isFinite) else {
            throw fail("\(meanKey) or \(covarianceKey) holds a value that is not finite")
        }
        return FeatureStatistics(count: count, mean: mean, covariance: covariance)
    }
}
