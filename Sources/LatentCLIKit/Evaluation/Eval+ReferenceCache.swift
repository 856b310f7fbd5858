import Foundation
import LatentData
import LatentMetrics

extension Eval {
    /// The reference side of the evaluation. When only FID is asked for, its statistics come from the
    /// reference statistics cache when present there (else they are computed and cached); other metrics need
    /// the reference features, which are computed, and their statistics cached. One line on standard error
    /// says which happened. Only when `writes` (rank 0 of a distributed evaluation, or a process alone) is the cache
    /// written and the line printed; every rank reads the cache alike, so that all or none extract the reference.
    func referenceInput(extractor: any FeatureExtracting, channels: Int?, onlyStatistics: Bool, writes: Bool) throws -> EvaluationInput {
        func compute() throws -> EvaluationInput {
            try EvaluationInput(reference, extractor: extractor, channels: channels, count: count, seed: seed, dataDirectory: dataDir)
        }
        guard let cache = try ReferenceCacheLookup.cache(reference: reference, inception: features == "inception", dataDirectory: dataDir) else {
            return try compute()
        }
        let say = { (line: String) in if writes { Console.error(line) } }
        guard !noCache else {
            say("reference statistics: computed, cache not used (--no-cache)")
            return try compute()
        }
        let warn = { (message: String) in say("warning: " + message) }
        if onlyStatistics {
            let (statistics, outcome) = try cache.statistics(storing: writes, warn: warn) { try compute().statistics }
            switch outcome {
            case .read(let url): say("reference statistics: read from the cache \(url.path)")
            case .computed(let stored): say("reference statistics: computed" + (stored.map { ", cached in \($0.path)" } ?? ""))
            }
            return EvaluationInput(set: nil, statistics: statistics, run: nil)
        }
        let input = try compute()
        let stored = writes ? cache.store(input.statistics, warn: warn) : nil
        say("reference statistics: computed (KID, IS and precision/recall need the reference features)"
            + (stored.map { ", cached in \($0.path)" } ?? ""))
        return input
    }
}
