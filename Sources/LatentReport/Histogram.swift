/// Counts of values in equal-width bins, with the summary statistics TensorBoard shows.
public struct Histogram: Sendable, Equatable {
    /// The smallest counted value (0 when there are none).
    public let min: Double
    /// The largest counted value (0 when there are none).
    public let max: Double
    /// How many values were counted.
    public let count: Int
    /// The sum of the counted values.
    public let sum: Double
    /// The sum of the squares of the counted values.
    public let sumOfSquares: Double
    /// The bin edges: `bins + 1` increasing numbers.
    public let edges: [Double]
    /// How many values fall in each bin; bin i is [edges[i], edges[i + 1]), the last bin includes its right edge.
    public let counts: [Double]

    /// The histogram of the finite values of `values` in `bins` equal-width bins over `range`, as `torch.histc` does
    /// (values outside it are not counted); without a range, over the values' own range (a range of width 1
    /// centred on the value when all values are equal). Give several histograms one range to compare them.
    public init<Values: Sequence>(values: Values, bins: Int = 30, range: ClosedRange<Double>? = nil)
    where Values.Element: BinaryFloatingPoint {
        precondition(bins > 0, "Histogram: expected bins > 0, got \(bins)")
        var finite = values.map { Double($0) }.filter(\.isFinite)
        if let range { finite = finite.filter { range.contains($0) } }
        let low = range?.lowerBound ?? finite.min() ?? 0
        let high = range?.upperBound ?? finite.max() ?? 0
        let (start, end) = low < high ? (low, high) : (low - 0.5, high + 0.5)
        let width = (end - start) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for value in finite {
            counts[Swift.min(Int((value - start) * Double(bins) / (end - start)), bins - 1)] += 1
        }
        self.min = finite.min() ?? 0
        self.max = finite.max() ?? 0
        self.count = finite.count
        self.sum = finite.reduce(0, +)
        self.sumOfSquares = finite.reduce(0) { $0 + $1 * $1 }
        self.edges = (0...bins).map { $0 == bins ? end : start + Double($0) * width }
        self.counts = counts
    }

    /// The right edge of each bin, as TensorBoard's `bucket_limit` expects.
    public var upperEdges: [Double] { Array(edges.dropFirst()) }
}

extension Histogram {
    /// The histogram with the given bin edges and counts (as a run's `histograms/epoch-NNNN.json` stores it);
    /// the summary statistics are estimated by placing every counted value at the centre of its bin.
    init(edges: [Double], counts: [Double]) {
        precondition(edges.count == counts.count + 1 && !counts.isEmpty,
                     "Histogram: expected one more edge than counts, got \(edges.count) edges and \(counts.count) counts")
        let centres = zip(edges, edges.dropFirst()).map { ($0 + $1) / 2 }
        let filled = counts.indices.filter { counts[$0] > 0 }
        self.min = filled.first.map { edges[$0] } ?? 0
        self.max = filled.last.map { edges[$0 + 1] } ?? 0
        self.count = Int(counts.reduce(0, +).rounded())
        self.sum = zip(centres, counts).reduce(0) { $0 + $1.0 * $1.1 }
        self.sumOfSquares = zip(centres, counts).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
        self.edges = edges
        self.counts = counts
    }
}
