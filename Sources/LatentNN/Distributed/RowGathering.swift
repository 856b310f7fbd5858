import LatentTensor

extension ProcessGroup {
    /// This rank's rows of `count` rows split as evenly as the ranks allow (the first `count % size`
    /// ranks take one row more).
    public func rows(of count: Int) -> Range<Int> {
        Self.rows(of: count, rank: rank, size: size)
    }

    /// The `[count, …]` tensor whose rows `rows(of: count)` are each rank's `part`, on every rank.
    public func gatherRows(_ part: Tensor, count: Int) -> Tensor {
        precondition(part.rank >= 1 && part.shape[0] == rows(of: count).count,
                     "ProcessGroup.gatherRows: rank \(rank) gives shape \(part.shape), its share of \(count) rows is \(rows(of: count).count)")
        let rowSize = part.shape.dropFirst().reduce(1, *)
        let counts = (0..<size).map { Self.rows(of: count, rank: $0, size: size).count * rowSize }
        return Tensor(gather(part.values, counts: counts), shape: [count] + part.shape.dropFirst())
    }

    private static func rows(of count: Int, rank: Int, size: Int) -> Range<Int> {
        let share = count / size, extra = count % size
        let start = rank * share + Swift.min(rank, extra)
        return start..<(start + share + (rank < extra ? 1 : 0))
    }
}
