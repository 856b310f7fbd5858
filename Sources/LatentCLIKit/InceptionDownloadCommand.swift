import Foundation
import LatentData
import LatentMetrics

/// `latent data download inception [--dir DIR] [--from FILE]`: the FID Inception weights into the cache.
enum InceptionDownloadCommand {
    /// Fetches and converts the weights, or converts `from`, into `dir` or the cache, reporting progress.
    static func run(dir: String?, from: String?, report: @escaping (DownloadEvent) -> Void) throws {
        let destination = dir.map { URL(fileURLWithPath: $0).appendingPathComponent(InceptionWeights.fileName) }
            ?? URL(fileURLWithPath: InceptionWeights.cachePath())
        if let from {
            Console.out("converting \(from)")
            try InceptionWeightsDownload.convert(URL(fileURLWithPath: from), to: destination)
        } else {
            try InceptionWeightsDownload.fetch(to: destination, progress: report)
        }
        Console.out("the FID Inception weights are in \(destination.path) (SHA-256 \(InceptionWeights.sha256))")
    }
}
