import Foundation

/// The headline figure of a reproduction over several seeds (`latent reproduce --seeds N`).
struct SeedSpread: Encodable {
    /// The seeds, in the order run.
    let seeds: [UInt64]
    /// Each seed's figure, in the order of `seeds`.
    let values: [Double]
    let mean: Double
    /// The sample standard deviation (n − 1 in the denominator).
    let std: Double
    let min: Double
    let max: Double

    /// The spread of `values`, one per seed of `seeds`; stops unless there are two or more, one per seed.
    init(seeds: [UInt64], values: [Double]) {
        precondition(values.count == seeds.count && values.count >= 2, "SeedSpread: needs one value per seed and two seeds or more")
        self.seeds = seeds
        self.values = values
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        min = values.min() ?? .nan
        max = values.max() ?? .nan
    }
}

extension ReproductionResult {
    /// Adds the spread of `results`' headline figures (one result per seed of `seeds`, this one first) and
    /// judges the target on their mean, with every seed's further checks.
    mutating func summarize(seeds: [UInt64], results: [ReproductionResult]) {
        let spread = SeedSpread(seeds: seeds, values: results.map(\.value))
        self.seeds = spread
        let meanPasses = comparison == "<=" ? spread.mean <= target : spread.mean >= target
        passed = meanPasses && results.allSatisfy { $0.checks.allSatisfy(\.passed) }
        runs = results.flatMap(\.runs)
    }
}
