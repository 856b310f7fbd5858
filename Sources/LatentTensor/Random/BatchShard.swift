/// One process's share of every global batch in data-parallel training: rows `rows` of a batch of
/// `globalSize` samples, split evenly over `count` processes.
///
/// A generator carrying a shard (`RandomGenerator.batchShard`) draws per-sample tensors (those whose
/// first axis is the shard's `size`) for the whole global batch and keeps this process's rows, so that
/// the processes of a run together see the same random numbers as one process with the whole batch,
/// and their generators stay in step.
public struct BatchShard: Sendable, Equatable {
    /// This process's position among the `count`, from 0.
    public let index: Int
    /// The number of processes sharing each batch.
    public let count: Int
    /// The samples of each batch this process takes.
    public let size: Int

    /// Share `index` of `count` equal shares of `size` samples each.
    public init(index: Int, count: Int, size: Int) {
        precondition(count >= 1 && (0..<count).contains(index) && size >= 1,
                     "BatchShard: needs 0 <= index < count and size >= 1, got index \(index), count \(count), size \(size)")
        self.index = index
        self.count = count
        self.size = size
    }

    /// The samples of each global batch.
    public var globalSize: Int { size * count }

    /// This process's rows of a global batch.
    public var rows: Range<Int> { (index * size)..<((index + 1) * size) }
}

extension Tensor {
    /// What `draw` makes of `shape` with `generator`; when the generator serves a batch shard and `shape`
    /// is per sample of that shard, the shard's rows of the draw for the whole global batch.
    static func drawnForShard(
        _ shape: [Int], generator: inout RandomGenerator, _ draw: ([Int], inout RandomGenerator) -> Tensor
    ) -> Tensor {
        guard let shard = generator.batchShard, shard.count > 1, shape.first == shard.size else {
            return draw(shape, &generator)
        }
        generator.batchShard = nil
        defer { generator.batchShard = shard }
        return draw([shard.globalSize] + shape.dropFirst(), &generator).slice(axis: 0, range: shard.rows)
    }
}
