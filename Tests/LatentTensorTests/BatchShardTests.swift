import LatentTensor
import Testing

struct BatchShardTests {
    @Test func aShardDrawsItsRowsOfTheGlobalBatchAndKeepsTheGeneratorInStep() {
        var whole = RandomGenerator(seed: 7)
        let normal = Tensor.randn([6, 2], generator: &whole)
        let uniform = Tensor.uniform([6, 1, 1, 1], generator: &whole)
        let coins = Tensor.bernoulli([6, 3], p: 0.5, generator: &whole)
        for index in 0..<2 {
            var shard = RandomGenerator(seed: 7)
            shard.batchShard = BatchShard(index: index, count: 2, size: 3)
            let rows = (3 * index)..<(3 * index + 3)
            #expect(Tensor.randn([3, 2], generator: &shard).values == normal.slice(axis: 0, range: rows).values)
            #expect(Tensor.uniform([3, 1, 1, 1], generator: &shard).values == uniform.slice(axis: 0, range: rows).values)
            #expect(Tensor.bernoulli([3, 3], p: 0.5, generator: &shard).values == coins.slice(axis: 0, range: rows).values)
            #expect(shard == whole)
            #expect(shard.batchShard == BatchShard(index: index, count: 2, size: 3))
        }
    }

    @Test func drawsNotShapedPerSampleAreTheSameOnEveryShard() {
        var alone = RandomGenerator(seed: 9)
        var shard = RandomGenerator(seed: 9)
        shard.batchShard = BatchShard(index: 1, count: 4, size: 8)
        #expect(Tensor.randn([5, 8], generator: &shard).values == Tensor.randn([5, 8], generator: &alone).values)
        #expect(shard == alone)
    }
}
