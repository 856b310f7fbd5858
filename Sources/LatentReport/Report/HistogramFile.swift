import Foundation

/// The histograms of D's outputs saved after one epoch (`histograms/epoch-NNNN.json`):
/// `{"epoch": E, "d_real": {"edges": [..], "counts": [..], "non_finite": N}, "d_fake": {...}}` (`non_finite`, the
/// NaN and infinite values left out, may be missing).
struct HistogramFile {
    let epoch: Int
    /// Each histogram in the file with the name the report shows: `D(x)` for `d_real`, `D(G(z))` for `d_fake`,
    /// other keys as they are; `d_real` and `d_fake` first.
    let entries: [HistogramPlot.Entry]

    /// The histograms in the file at `url`, for epoch `epoch` (from the file's name); throws naming the file
    /// and what is wrong when it is not of the form above.
    init(epoch: Int, url: URL) throws {
        let file = url.path
        guard let data = try? Data(contentsOf: url),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else {
            throw ReportError(file: file, "not a JSON object (expected {\"epoch\": E, \"d_real\": {\"edges\": [..], "
                              + "\"counts\": [..]}, \"d_fake\": {..}})")
        }
        let keys = object.keys.filter { $0 != "epoch" }.sorted { (Self.rank($0), $0) < (Self.rank($1), $1) }
        var entries: [HistogramPlot.Entry] = []
        for key in keys {
            guard let histogram = object[key] as? [String: Any],
                  let edges = Self.numbers(histogram["edges"]), let counts = Self.numbers(histogram["counts"])
            else {
                throw ReportError(file: file, "\"\(key)\" is not {\"edges\": [numbers], \"counts\": [numbers]}")
            }
            guard !counts.isEmpty, edges.count == counts.count + 1 else {
                throw ReportError(file: file, "\"\(key)\" has \(edges.count) edges and \(counts.count) counts "
                                  + "(expected one edge more than counts, and at least one count)")
            }
            guard edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }),
                  counts.allSatisfy({ $0.isFinite && $0 >= 0 })
            else {
                throw ReportError(file: file, "\"\(key)\" needs finite increasing edges and finite counts >= 0")
            }
            let nonFinite = (histogram["non_finite"] as? NSNumber).map { Swift.max(0, $0.intValue) } ?? 0
            entries.append(.init(name: Self.displayName(key),
                                 histogram: Histogram(edges: edges, counts: counts, nonFiniteCount: nonFinite)))
        }
        guard !entries.isEmpty else {
            throw ReportError(file: file, "holds no histogram (expected \"d_real\" and \"d_fake\")")
        }
        self.epoch = epoch
        self.entries = entries
    }

    /// `d_real` before `d_fake` before anything else.
    private static func rank(_ key: String) -> Int {
        key == "d_real" ? 0 : key == "d_fake" ? 1 : 2
    }

    private static func displayName(_ key: String) -> String {
        key == "d_real" ? "D(x)" : key == "d_fake" ? "D(G(z))" : key
    }

    /// A JSON array of numbers as doubles, nil when it is anything else.
    private static func numbers(_ value: Any?) -> [Double]? {
        guard let array = value as? [Any] else { return nil }
        let numbers = array.compactMap { ($0 as? NSNumber)?.doubleValue }
        return numbers.count == array.count ? numbers : nil
    }
}
