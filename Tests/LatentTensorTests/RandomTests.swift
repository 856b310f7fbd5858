import Foundation
import Testing
import LatentTensor
import LatentTestSupport

@Suite struct RandomTests {
    @Test func sameSeedSameValuesDifferentSeedsDiffer() {
        var g1 = RandomGenerator(seed: 42), g2 = RandomGenerator(seed: 42), g3 = RandomGenerator(seed: 43)
        let a = Tensor.randn([64], generator: &g1), b = Tensor.randn([64], generator: &g2)
        let c = Tensor.randn([64], generator: &g3)
        #expect(a.values == b.values)
        #expect(a.values != c.values)
        #expect(g1 == g2 && g1 != g3)
        #expect(Tensor.uniform([8], generator: &g1).values == Tensor.uniform([8], generator: &g2).values)
        #expect(Tensor.permutation(20, generator: &g1) == Tensor.permutation(20, generator: &g2))
        #expect(RandomGenerator(seed: 0) != RandomGenerator(seed: 1))
    }

    @Test func savedStateResumesTheSequence() {
        var generator = RandomGenerator(seed: 5)
        _ = Tensor.randn([3], generator: &generator)
        var resumed = RandomGenerator(state: generator.stateWords)
        #expect(resumed == generator)
        #expect(Tensor.randn([5], generator: &generator).values == Tensor.randn([5], generator: &resumed).values)
    }

    @Test func normalSamplesHaveUnitMoments() {
        var generator = RandomGenerator(seed: 1)
        let samples = Tensor.randn([100_001], generator: &generator)
        let values = samples.values.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        #expect(Swift.abs(mean) < 0.015)
        #expect(Swift.abs(variance.squareRoot() - 1) < 0.015)
        let withinOne = Double(values.filter { Swift.abs($0) < 1 }.count) / Double(values.count)
        #expect(Swift.abs(withinOne - 0.6827) < 0.01)
        #expect(values.allSatisfy { $0.isFinite })
        let shifted = Tensor.randn([20_000], mean: 3, std: 0.5, generator: &generator)
        #expect(Swift.abs(shifted.mean().item - 3) < 0.02)
        #expect(Swift.abs(shifted.variance().item.squareRoot() - 0.5) < 0.02)
    }

    @Test func uniformSamplesStayInRange() {
        var generator = RandomGenerator(seed: 2)
        let u = Tensor.uniform([100_000], low: 1, high: 2, generator: &generator).values
        #expect(u.allSatisfy { $0 >= 1 && $0 < 2 })
        let mean = u.reduce(0, +) / Float(u.count)
        #expect(Swift.abs(mean - 1.5) < 0.01)
        let wide = Tensor.uniform([10_000], low: -3, high: 5, generator: &generator).values
        #expect(wide.allSatisfy { $0 >= -3 && $0 < 5 })
        #expect(wide.min()! < -2.9 && wide.max()! > 4.9)
        // The generator's largest draw, 1 − 2⁻²⁴, would round up to 2 in [1, 2) without a limit.
        var largest = generatorWhoseNextOutputIsAllOnes()
        #expect(largest.nextUniform() == 1 - 1 / Float(16_777_216))
        largest = generatorWhoseNextOutputIsAllOnes()
        #expect(Tensor.uniform([1], low: 1, high: 2, generator: &largest).item < 2)
        var top = RandomGenerator(seed: 3)
        let unit = (0..<1000).map { _ in top.nextUniform() }
        #expect(unit.allSatisfy { $0 >= 0 && $0 < 1 })
        for _ in 0..<1000 { #expect((0..<7).contains(top.nextInt(below: 7))) }
    }

    @Test func bernoulliFrequency() {
        var generator = RandomGenerator(seed: 4)
        let b = Tensor.bernoulli([50_000], p: 0.3, generator: &generator).values
        #expect(b.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(Swift.abs(b.reduce(0, +) / Float(b.count) - 0.3) < 0.01)
        #expect(Tensor.bernoulli([10], p: 0, generator: &generator).values == [Float](repeating: 0, count: 10))
        #expect(Tensor.bernoulli([10], p: 1, generator: &generator).values == [Float](repeating: 1, count: 10))
    }

    @Test func permutationIsAPermutation() {
        var generator = RandomGenerator(seed: 6)
        let order = Tensor.permutation(100, generator: &generator)
        #expect(order.sorted() == Array(0..<100))
        #expect(order != Array(0..<100))
        #expect(Tensor.permutation(0, generator: &generator).isEmpty)
        #expect(Tensor.permutation(1, generator: &generator) == [0])
        // Every position receives several different values over repeated shuffles.
        var seen = Set<Int>()
        for _ in 0..<50 { seen.insert(Tensor.permutation(5, generator: &generator)[0]) }
        #expect(seen == Set(0..<5))
    }

    @Test func creationFunctions() {
        #expect(Tensor.zeros([2, 3]).values == [Float](repeating: 0, count: 6))
        #expect(Tensor.ones([2]).values == [1, 1])
        #expect(Tensor.full([2, 2], 7).values == [7, 7, 7, 7])
        #expect(Tensor.zeros(like: Tensor([1, 2, 3])).shape == [3])
        #expect(Tensor.ones(like: Tensor.zeros([2, 1])).values == [1, 1])
        #expect(Tensor.arange(5).values == [0, 1, 2, 3, 4])
        #expect(Tensor.arange(1, 2, step: 0.25).values == [1, 1.25, 1.5, 1.75])
        #expect(Tensor.arange(3, 0, step: -1).values == [3, 2, 1])
        #expect(Tensor.arange(3, 1).values == [])
        #expect(Tensor.linspace(0, 1, count: 5).values == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor.linspace(2, 3, count: 1).values == [2])
        #expect(Tensor.linspace(2, 3, count: 0).values == [])
        #expect(Tensor(scalar: 3).shape == [] && Tensor(scalar: 3).item == 3)
        #expect(Tensor.zeros([0, 3]).count == 0)
    }
}

/// A xoshiro256** state whose next output is 2⁶⁴ − 1: output = rotl(s₁ · 5, 7) · 9, solved for s₁.
private func generatorWhoseNextOutputIsAllOnes() -> RandomGenerator {
    func inverse(_ odd: UInt64) -> UInt64 {
        var x = odd
        for _ in 0..<6 { x = x &* (2 &- odd &* x) }
        return x
    }
    let rotated = UInt64.max &* inverse(9)
    let product = (rotated >> 7) | (rotated << 57)
    return RandomGenerator(state: [0, product &* inverse(5), 0, 0])
}

/// Tests that change the global thread count or global generator run one at a time.
@Suite(.serialized) struct ThreadCountTests {
    private func withThreads<R>(_ count: Int, _ body: () -> R) -> R {
        let saved = Threads.count
        Threads.set(count)
        defer { Threads.set(saved) }
        return body()
    }

    @Test func randomValuesDoNotDependOnThreadCount() {
        let one = withThreads(1) { () -> [Float] in
            var generator = RandomGenerator(seed: 9)
            return Tensor.randn([200_000], generator: &generator).values
        }
        let two = withThreads(2) { () -> [Float] in
            var generator = RandomGenerator(seed: 9)
            return Tensor.randn([200_000], generator: &generator).values
        }
        #expect(one == two)
    }

    /// The normal values are Box–Muller's pairs of the generator's words in order, with one thread or two, and
    /// an odd count drops the last pair's second value.
    @Test func normalValuesAreBoxMullerPairsOfTheWordsInOrder() {
        let count = 40_001
        var words = RandomGenerator(seed: 21)
        var expected: [Float] = []
        while expected.count < count {
            let u1 = Double((words.nextUInt64() >> 11) + 1) / 9_007_199_254_740_992.0
            let u2 = Double(words.nextUInt64() >> 11) / 9_007_199_254_740_992.0
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            expected.append(2 + 0.5 * Float(radius * Foundation.cos(2 * Double.pi * u2)))
            expected.append(2 + 0.5 * Float(radius * Foundation.sin(2 * Double.pi * u2)))
        }
        for threads in [1, 2] {
            var generator = RandomGenerator(seed: 21)
            let values = withThreads(threads) { Tensor.randn([count], mean: 2, std: 0.5, generator: &generator).values }
            #expect(values == Array(expected.prefix(count)))
            #expect(generator == words)
        }
    }

    /// Seeding, reading and drawing within a stand-in, so that other tests' draws from the process-wide generator
    /// (run in parallel) cannot come between two of these calls.
    @Test func globalGeneratorFollowsItsSeed() {
        var local = RandomGenerator(seed: 17)
        let expected = Tensor.randn([4], generator: &local).values
        GlobalRandom.withStandIn(GlobalRandom.StandIn(seed: 5)) {
            GlobalRandom.seed(17)
            #expect(GlobalRandom.state == RandomGenerator(seed: 17))
            #expect(Tensor.randn([4]).values == expected)
            GlobalRandom.state = RandomGenerator(seed: 17)
            #expect(GlobalRandom.use { Tensor.randn([4], generator: &$0).values } == expected)
        }
        // The process-wide generator itself, set and drawn from in one exclusive use.
        let drawn = GlobalRandom.use { generator in
            generator = RandomGenerator(seed: 17)
            return Tensor.randn([4], generator: &generator).values
        }
        #expect(drawn == expected)
    }

    @Test func parallelKernelsMatchSingleThreaded() {
        let x = CoreFixtures.uniform([4, 100, 512], seed: 71)
        let row = CoreFixtures.uniform([512], seed: 72)
        let column = CoreFixtures.uniform([4, 100, 1], seed: 73)
        let y = CoreFixtures.uniform([4, 100, 512], seed: 74)
        func run() -> [[Float]] {
            [x.tanh().values, (x + 0.5).values,
             (x * row).values, (column - x).values, (x * y).values, (x * Tensor(scalar: 3)).values,
             x.sum(axis: 1).values, x.sum(axis: -1).values, x.sum(axis: 0).values, x.max(axes: [1]).values,
             x.permuted([2, 0, 1]).values, row.expand(to: [400, 512]).values]
        }
        let single = withThreads(1, run)
        let double = withThreads(2, run)
        for (a, b) in zip(single, double) { #expect(a == b) }

        // Broadcast products and axis sums against plain loops.
        let xv = x.values, rv = row.values
        let product = single[2]
        #expect((0..<xv.count).allSatisfy { product[$0] == xv[$0] * rv[$0 % 512] })
        var sums = [Float](repeating: 0, count: 4 * 512)
        for o in 0..<4 { for j in 0..<100 { for k in 0..<512 { sums[o * 512 + k] += xv[(o * 100 + j) * 512 + k] } } }
        #expect(single[6] == sums)

        // Sums along the last axis, each row in order, for a row count that is not a multiple of four.
        let odd = CoreFixtures.uniform([7, 33], seed: 75), oddValues = odd.values
        let rowSums = (0..<7).map { r in (0..<33).reduce(Float(0)) { $0 + oddValues[r * 33 + $1] } }
        #expect(withThreads(1) { odd.sum(axis: 1).values } == rowSums)
        #expect(withThreads(2) { odd.sum(axis: 1).values } == rowSums)
    }
}
