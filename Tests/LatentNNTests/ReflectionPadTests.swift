import LatentNN
import LatentTestSupport
import Testing

// Reflection padding by hand and against finite differences (PyTorch's values: LatentModelsTests' cyclegan.json).

@Suite struct ReflectionPadTests {
    @Test func edgesAreMirroredWithoutRepeatingTheEdge() {
        // One row 1 2 3 padded by 2 on the left and 1 on the right: 3 2 | 1 2 3 | 2.
        let row = Tensor([1, 2, 3], shape: [1, 1, 1, 3])
        #expect(ReflectionPad2d(left: 2, right: 1, top: 0, bottom: 0)(row).values == [3, 2, 1, 2, 3, 2])
        // A 2×2 image padded by 1 everywhere.
        let image = Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
        #expect(ReflectionPad2d(1)(image).values == [4, 3, 4, 3, 2, 1, 2, 1, 4, 3, 4, 3, 2, 1, 2, 1])
    }

    @Test func gradientsMatchFiniteDifferences() {
        var random = RandomGenerator(seed: 2)
        let x = Tensor.randn([2, 2, 4, 5], generator: &random)
        #expect(gradientError([x]) { ReflectionPad2d(left: 3, right: 1, top: 2, bottom: 3)($0[0]) } < 1e-2)
    }
}
