import Foundation
import LatentNN

/// Reads a safetensors file for a PCA or Gaussian mixture, turning its errors into `MetricError`.
struct ModelFile {
    let file: SafeTensors
    let path: String

    init(_ url: URL) throws {
        path = url.path
        do {
            file = try SafeTensors(contentsOf: url)
        } catch let error as SafeTensorsError {
            throw MetricError.invalidStatisticsFile(path: url.path, problem: error.problem)
        }
    }

    func fail(_ problem: String) -> MetricError { .invalidStatisticsFile(path: path, problem: problem) }

    /// The values of tensor `name`, which must have shape `shape`.
    func doubles(_ name: String, shape: [Int]) throws -> [Double] {
        guard let actual = file.shape(name) else { throw fail("no tensor named \(name)") }
        guard actual == shape else { throw fail("\(name) has shape \(actual), expected \(shape)") }
        return try file.doubles(name)
    }

    /// The shape of tensor `name`, which must have `rank` dimensions of at least 1.
    func shape(_ name: String, rank: Int) throws -> [Int] {
        guard let shape = file.shape(name) else { throw fail("no tensor named \(name)") }
        guard shape.count == rank, shape.allSatisfy({ $0 >= 1 }) else {
            throw fail("\(name) has shape \(shape), expected \(rank) positive dimensions")
        }
        return shape
    }

    /// Runs `body`, reporting a `MetricError.invalidInput` it throws as a problem of this file.
    func checking<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch MetricError.invalidInput(_, let problem) {
            throw fail(problem)
        }
    }
}

extension PrincipalComponents {
    /// Writes the PCA to `url` as safetensors (F64 `mean`, `components`, `explained_variance`,
    /// `explained_variance_ratio`, `singular_values`, `noise_variance`; metadata `whiten`), atomically.
    public func save(to url: URL) throws {
        let k = componentCount
        try SafeTensors.write(
            [SafeTensors.Entry("mean", doubles: mean, shape: [dimension]),
             SafeTensors.Entry("components", doubles: components, shape: [k, dimension]),
             SafeTensors.Entry("explained_variance", doubles: explainedVariance, shape: [k]),
             SafeTensors.Entry("explained_variance_ratio", doubles: explainedVarianceRatio, shape: [k]),
             SafeTensors.Entry("singular_values", doubles: singularValues, shape: [k]),
             SafeTensors.Entry("noise_variance", doubles: [noiseVariance], shape: [1])],
            metadata: ["model": "pca", "whiten": String(whiten)], to: url)
    }

    /// Reads a PCA written by `save(to:)`. Throws `MetricError.invalidStatisticsFile` naming the file
    /// when it is unreadable, a tensor is missing or misshapen, or a value is invalid.
    public static func load(from url: URL) throws -> PrincipalComponents {
        let file = try ModelFile(url)
        let shape = try file.shape("components", rank: 2)
        let (k, d) = (shape[0], shape[1])
        guard let whitenText = file.file.metadata["whiten"], let whiten = Bool(whitenText) else {
            throw file.fail("metadata whiten must be true or false")
        }
        let mean = try file.doubles("mean", shape: [d]), components = try file.doubles("components", shape: [k, d])
        let variance = try file.doubles("explained_variance", shape: [k])
        let ratio = try file.doubles("explained_variance_ratio", shape: [k])
        let singular = try file.doubles("singular_values", shape: [k]), noise = try file.doubles("noise_variance", shape: [1])
        return try file.checking {
            try PrincipalComponents(mean: mean, components: components, explainedVariance: variance,
                                    explainedVarianceRatio: ratio, singularValues: singular, noiseVariance: noise[0], whiten: whiten)
        }
    }
}

extension GaussianMixture {
    /// Writes the mixture to `url` as safetensors (F64 `weights`, `means`, `covariances`; metadata
    /// `covariance_type`), atomically.
    public func save(to url: URL) throws {
        try SafeTensors.write(
            [SafeTensors.Entry("weights", doubles: weights, shape: [components]),
             SafeTensors.Entry("means", doubles: means, shape: [components, dimension]),
             SafeTensors.Entry("covariances", doubles: covariances,
                               shape: covarianceType.shape(components: components, dimension: dimension))],
            metadata: ["model": "gmm", "covariance_type": covarianceType.rawValue], to: url)
    }

    /// Reads a mixture written by `save(to:)`. Throws `MetricError.invalidStatisticsFile` naming the
    /// file when it is unreadable, a tensor is missing or misshapen, or the parameters are invalid.
    public static func load(from url: URL) throws -> GaussianMixture {
        let file = try ModelFile(url)
        guard let typeText = file.file.metadata["covariance_type"], let type = CovarianceType(rawValue: typeText) else {
            throw file.fail("metadata covariance_type must be full, diag or spherical")
        }
        let shape = try file.shape("means", rank: 2)
        let (k, d) = (shape[0], shape[1])
        let weights = try file.doubles("weights", shape: [k]), means = try file.doubles("means", shape: [k, d])
        let covariances = try file.doubles("covariances", shape: type.shape(components: k, dimension: d))
        return try file.checking {
            try GaussianMixture(covarianceType: type, weights: weights, means: means, covariances: covariances)
        }
    }
}
