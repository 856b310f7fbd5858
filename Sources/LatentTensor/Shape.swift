/// Helpers for shapes: sizes, strides, broadcasting and axis arguments.
public enum Shape {
    /// The largest rank a tensor may have.
    public static let maxRank = 5

    /// The number of values in a tensor of this shape.
    @inline(__always)
    public static func count(_ shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    /// Row-major strides, in values.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// Stops with a message naming `op` when the shape has a negative size or too many axes.
    static func validate(_ shape: [Int], op: String) {
        precondition(shape.count <= maxRank, "\(op): rank \(shape.count) exceeds the maximum of \(maxRank) (shape \(shape))")
        precondition(shape.allSatisfy { $0 >= 0 }, "\(op): negative size in shape \(shape)")
    }

    /// The shape two shapes broadcast to under NumPy/PyTorch rules.
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            precondition(da == db || da == 1 || db == 1,
                         "\(op): shapes \(a) and \(b) cannot be broadcast together (axis \(i): \(da) vs \(db))")
            result[i] = da == 1 ? db : da
        }
        return result
    }

    /// Strides for reading a tensor of `shape` as if it had `target` shape: broadcast axes get stride 0.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { i in
            i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
        }
    }

    /// Turns possibly negative axes into sorted, checked, non-negative ones.
    public static func normalizeAxes(_ axes: [Int], rank: Int, op: String) -> [Int] {
        let normalized = axes.map { normalizeAxis($0, rank: rank, op: op) }
        precondition(Set(normalized).count == normalized.count, "\(op): repeated axis in \(axes)")
        return normalized.sorted()
    }

    /// Turns a possibly negative axis into a checked, non-negative one.
    public static func normalizeAxis(_ axis: Int, rank: Int, op: String) -> Int {
        let value = axis < 0 ? axis + rank : axis
        precondition(value >= 0 && value < max(rank, 1), "\(op): axis \(axis) is out of range for rank \(rank)")
        return value
    }
}
