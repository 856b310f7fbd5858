import Foundation
import LatentTensor

/// `RUN/histograms/epoch-NNNN.json`: the discriminator's outputs D(x) on a fixed real batch and D(G(z))
/// on the fixed latents after an epoch, binned over one shared range so that the two overlay.
public struct DiscriminatorHistograms: Sendable, Equatable {
    /// The epoch, counting from 1.
    public let epoch: Int
    /// D(x) on the real batch.
    public let real: Histogram
    /// D(G(z)) on the generated batch.
    public let fake: Histogram

    /// Bins D outputs `real` and `fake` over [0, 1] when every value lies there (probabilities), otherwise
    /// over the range of both together (a critic's scores).
    public init(epoch: Int, real: [Float], fake: [Float], bins: Int = 20) {
        let all = (real + fake).filter(\.isFinite)
        let low = Double(all.min() ?? 0), high = Double(all.max() ?? 1)
        let range = low >= 0 && high <= 1 ? 0...1 : low...Swift.max(high, low + 1e-6)
        self.epoch = epoch
        self.real = Histogram(values: real, bins: bins, range: range)
        self.fake = Histogram(values: fake, bins: bins, range: range)
    }

    /// The file's path inside a run directory: `histograms/epoch-0001.json`.
    public static func relativePath(epoch: Int) -> String {
        "histograms/" + EpochFileName.name(epoch: epoch, extension: "json")
    }

    /// `{"epoch":E,"d_real":{"counts":[..],"edges":[..],"non_finite":N},"d_fake":{..}}`, where N counts the outputs
    /// left out for being NaN or infinite.
    public var json: Data {
        func object(_ histogram: Histogram) -> [String: Any] {
            ["edges": histogram.edges, "counts": histogram.counts, "non_finite": histogram.nonFiniteCount]
        }
        let value: [String: Any] = ["epoch": epoch, "d_real": object(real), "d_fake": object(fake)]
        // Only finite numbers, arrays and dictionaries with string keys: serialization cannot fail.
        return try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    }

    /// Writes the JSON to its place in the run directory `run`, atomically.
    public func write(run: URL) throws {
        let url = run.appendingPathComponent(Self.relativePath(epoch: epoch))
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ReportError(file: url.deletingLastPathComponent().path, "cannot create the directory (\(error.localizedDescription))")
        }
        try AtomicFile.write(json, to: url)
    }
}
