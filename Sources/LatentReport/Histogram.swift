/// Counts of values in equal-width bins, with the summary statistics TensorBoard shows.
public struct Histogram: Sendable, Equatable {
    /// The smallest counted value (0 when there are none).
    public let min: Double
    /// The largest counted value (0 when there are none).
    public let max: Double
    /// How many values were counted.
    public let count: Int
    /// How many values were left out because they are NaN or infinite.
    public let nonFiniteCount: Int
    /// The sum of the counted values (infinite when it exceeds the largest Double).
    public let sum: Double
    /// The sum of the squares of the counted values (infinite when it exceeds the largest Double).
    public let sumOfSquares: Double
    /// The bin edges: `bins + 1` increasing finite numbers.
    public let edges: [Double]
    /// How many values fall in each bin; bin i is [edges[i], edges[i + 1]), the last bin includes its right edge.
    public let counts: [Double]

    /// The histogram of the finite values of `values` in `bins` equal-width bins over `range`, as `torch.histc` does
    /// (values outside it are not counted, NaN and infinite values are counted in `nonFiniteCount` only); without a
    /// range, or with a bound that is not finite, over the values' own range (a range of width 1 centred on the
    /// value when all values are equal). Give several histograms one range to compare them.
    public init<Values: Sequence>(values: Values, bins: Int = 30, range: ClosedRange<Double>? = nil)
    where Values.Element: BinaryFloatingPoint {
        precondition(bins > 0, "Histogram: expected bins > 0, got \(bins)")
        let all = values.map { Double($0) }
        var finite = all.filter(\.isFinite)
        let low = range.map(\.lowerBound).flatMap { $0.isFinite ? $0 : nil } ?? finite.min() ?? 0
        let high = range.map(\.upperBound).flatMap { $0.isFinite ? $0 : nil } ?? finite.max() ?? 0
        if range != nil { finite = finite.filter { $0 >= low && $0 <= high } }
        let (start, end) = Self.span(low, high)
        var counts = [Double](repeating: 0, count: bins)
        for value in finite { counts[Self.bin(of: value, start: start, end: end, bins: bins)] += 1 }
        self.min = finite.min() ?? 0
        self.max = finite.max() ?? 0
        self.count = finite.count
        self.nonFiniteCount = all.count - all.filter(\.isFinite).count
        self.sum = finite.reduce(0, +)
        self.sumOfSquares = finite.reduce(0) { $0 + $1 * $1 }
        // Halves keep the differences of finite numbers finite, even across the whole Double range.
        let halfSpan = end / 2 - start / 2
        self.edges = (0...bins).map { $0 == bins ? end : 2 * (start / 2 + halfSpan * (Double($0) / Double(bins))) }
        self.counts = counts
    }

    /// The right edge of each bin, as TensorBoard's `bucket_limit` expects.
    public var upperEdges: [Double] { Array(edges.dropFirst()) }

    /// `low...high` widened to a range with a width when the two are equal: by 0.5 to either side, or by the
    /// spacing of Doubles there when that is larger.
    private static func span(_ low: Double, _ high: Double) -> (Double, Double) {
        guard low >= high else { return (low, high) }
        let (start, end) = (low - 0.5, high + 0.5)
        return start < end ? (start, end) : (low.nextDown, high.nextUp.isFinite ? high.nextUp : high)
    }

    /// The bin of the finite `value` in `bins` bins over [start, end], the last including its right edge.
    private static func bin(of value: Double, start: Double, end: Double, bins: Int) -> Int {
        let fraction = (value / 2 - start / 2) / (end / 2 - start / 2)
        guard fraction.isFinite else { return 0 }
        return Int(Swift.min(Swift.max(fraction * Double(bins), 0), Double(bins - 1)))
    }
}

extension Histogram {
    /// The histogram with the given bin edges and counts (as a run's `histograms/epoch-NNNN.json` stores it) and
    /// `nonFiniteCount` values left out; the summary statistics are estimated by placing every counted value at the
    /// centre of its bin.
    init(edges: [Double], counts: [Double], nonFiniteCount: Int = 0) {
        precondition(edges.count == counts.count + 1 && !counts.isEmpty,
                     "Histogram: expected one more edge than counts, got \(edges.count) edges and \(counts.count) counts")
        let centres = zip(edges, edges.dropFirst()).map { $0 / 2 + $1 / 2 }
        let filled = counts.indices.filter { counts[$0] > 0 }
        self.min = filled.first.map { edges[$0] } ?? 0
        self.max = filled.last.map { edges[$0 + 1] } ?? 0
        let total = counts.reduce(0, +)
        self.count = total.isFinite && total < 0x1p62 ? Int(total.rounded()) : 0
        self.nonFiniteCount = nonFiniteCount
        self.sum = zip(centres, counts).reduce(0) { $0 + $1.0 * $1.1 }
        self.sumOfSquares = zip(centres, counts).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
        self.edges = edges
        self.counts = counts
    }
}
