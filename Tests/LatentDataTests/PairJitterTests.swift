import LatentData
import LatentTensor
import Testing

// pix2pix's jitter and flips in `DataLoader`: one crop and flip for both images of a pair, and a crop computed by hand.

@Suite struct PairJitterTests {
    @Test func jitterSidesArePix2PixsLoadSize() {
        #expect(Augmentation.jitterSide(256) == 286)
        #expect(Augmentation.jitterSide(32) == 36)
        #expect(Augmentation.jitterSide(8) == 9)
    }

    @Test func aCropOfAnEnlargedRampIsComputedByHand() {
        // A 1×8 ramp 0, 10, …, 70 across, rows alike: enlarged to 9 columns, column i reads position
        // (i + ½)·8/9 − ½ clamped to [0, 7]; the crop from column 1 holds columns 1…8 of the enlarged image.
        let ramp = (0..<8).flatMap { _ in (0..<8).map { Float($0 * 10) } }
        let cropped = JitterCrop(height: 8, width: 8, top: 1, left: 1).apply(ramp, channels: 1)
        let expected = (1...8).map { i in Float(Swift.min(Swift.max((Double(i) + 0.5) * 8 / 9 - 0.5, 0), 7) * 10) }
        for row in 0..<8 {
            for (x, value) in expected.enumerated() { #expect(abs(cropped[row * 8 + x] - value) < 1e-4) }
        }
        // Column 8 reads position 7.06 → clamped to the last pixel, 70; column 1 reads 0.83 → 8.33.
        #expect(abs(cropped[7] - 70) < 1e-4 && abs(cropped[0] - 25 / 3) < 1e-4)
    }

    @Test func bothImagesOfAPairGetTheSameCropAndFlip() throws {
        // B = 1 − A: interpolation keeps the relation, so it survives only when A and B move together.
        var generator = RandomGenerator(seed: 3)
        let count = 16, size = 8
        let a = (0..<(count * size * size)).map { _ in generator.nextUniform() }
        var values: [Float] = []
        for image in 0..<count {
            let plane = Array(a[(image * size * size)..<((image + 1) * size * size)])
            values += plane + plane.map { 1 - $0 }
        }
        let pairs = Tensor(values, shape: [count, 2, size, size])
        let loader = try DataLoader(pairs, batchSize: count, augmentation: Augmentation(horizontalFlip: true, jitter: true), seed: 5)
        let batch = loader.batch(epoch: 0, index: 0).inputs
        var changed = 0
        batch.withValues { out in
            for image in 0..<count {
                let base = image * 2 * size * size
                for i in 0..<(size * size) { #expect(abs(out[base + i] + out[base + size * size + i] - 1) < 1e-5) }
                if (0..<(size * size)).contains(where: { abs(out[base + $0] - values[base + $0]) > 1e-6 }) { changed += 1 }
            }
        }
        // Most of the 16 pairs are cropped off the origin or flipped (an unchanged one needs offset (0, 0) and no flip).
        #expect(changed >= 8)
        // The same seed, epoch and batch give the same crops: a resumed run sees the same pairs.
        let again = try DataLoader(pairs, batchSize: count, augmentation: Augmentation(horizontalFlip: true, jitter: true), seed: 5)
        #expect(again.batch(epoch: 0, index: 0).inputs.values == batch.values)
    }
}
