import LatentData
import LatentTensor
import Testing

@Suite struct DataLoaderTests {
    /// 23 images of 1×4×5 whose pixels encode the image's index, labels cycling through 0...4.
    let dataset: ImageDataset = {
        let count = 23, size = 20
        let pixels = (0..<(count * size)).map { UInt8(($0 / size) * 10 + $0 % size % 10) }
        return ImageDataset(pixels: pixels, labels: (0..<count).map { $0 % 5 }, channels: 1, height: 4, width: 5)
    }()

    func collect(_ batches: EpochBatches) -> [Batch] { Array(batches) }

    @Test func sameSeedSameBatchesWithAndWithoutPrefetch() throws {
        let augmentation = Augmentation(horizontalFlip: true, cropPadding: 1)
        let plain = try DataLoader(dataset, batchSize: 4, shuffle: true, augmentation: augmentation, seed: 9)
        let reference = (0..<3).map { collect(plain.epoch($0)) }
        for prefetch in [0, 1, 2] {
            let loader = try DataLoader(dataset, batchSize: 4, shuffle: true, augmentation: augmentation, seed: 9, prefetch: prefetch)
            for epoch in 0..<3 {
                let batches = collect(loader.epoch(epoch))
                #expect(batches.count == 6)
                #expect(batches.map(\.indices) == reference[epoch].map(\.indices))
                #expect(batches.map(\.inputs.values) == reference[epoch].map(\.inputs.values))
                #expect(batches.map(\.index) == Array(0..<6) && batches.allSatisfy { $0.epoch == epoch })
            }
        }
        let firstEpoch = reference[0].flatMap(\.indices)
        #expect(firstEpoch.sorted() == Array(0..<23) && firstEpoch != Array(0..<23))
        #expect(reference[1].flatMap(\.indices) != firstEpoch)
        let otherSeed = try DataLoader(dataset, batchSize: 4, shuffle: true, augmentation: augmentation, seed: 10)
        #expect(collect(otherSeed.epoch(0)).flatMap(\.indices) != firstEpoch)
    }

    @Test func resumingMidEpochGivesTheSameBatches() throws {
        let loader = try DataLoader(dataset, batchSize: 5, shuffle: true, augmentation: Augmentation(cropPadding: 2), seed: 3)
        let whole = collect(loader.epoch(4))
        for prefetch in [0, 2] {
            let resumed = try DataLoader(dataset, batchSize: 5, shuffle: true, augmentation: Augmentation(cropPadding: 2),
                                         seed: 3, prefetch: prefetch)
            let rest = collect(resumed.epoch(4, startingAt: 2))
            #expect(rest.map(\.index) == [2, 3, 4])
            #expect(rest.map(\.inputs.values) == whole.dropFirst(2).map(\.inputs.values))
            #expect(resumed.batch(epoch: 4, index: 3).inputs.values == whole[3].inputs.values)
        }
        #expect(collect(loader.epoch(4, startingAt: 5)).isEmpty)
    }

    @Test func leavingAnEpochEarlyStopsThePrefetcher() throws {
        let loader = try DataLoader(dataset, batchSize: 2, shuffle: true, seed: 1, prefetch: 2)
        for _ in 0..<20 {
            var iterator = loader.epoch(0).makeIterator()
            #expect(iterator.next()?.index == 0)
        }
        for batch in loader.epoch(1) where batch.index == 1 { break }
        #expect(collect(loader.epoch(2)).count == 12)
    }

    @Test func batchingAndDropLastCounts() throws {
        let keep = try DataLoader(dataset, batchSize: 5)
        #expect(keep.batchesPerEpoch == 5)
        let kept = collect(keep.epoch(0))
        #expect(kept.map(\.inputs.shape[0]) == [5, 5, 5, 5, 3])
        #expect(kept.flatMap(\.indices) == Array(0..<23))
        #expect(kept[4].labels == [0, 1, 2])
        #expect(kept[0].inputs.shape == [5, 1, 4, 5])
        let drop = try DataLoader(dataset, batchSize: 5, shuffle: true, dropLast: true, seed: 2)
        #expect(drop.batchesPerEpoch == 4)
        let dropped = collect(drop.epoch(0))
        #expect(dropped.map(\.inputs.shape[0]) == [5, 5, 5, 5])
        #expect(Set(dropped.flatMap(\.indices)).count == 20)
        let exact = try DataLoader(dataset, batchSize: 23, dropLast: true)
        #expect(exact.batchesPerEpoch == 1)
    }

    @Test func refusesLoadersThatWouldYieldNothing() {
        #expect(dataErrorMessage { _ = try DataLoader(dataset, batchSize: 24, dropLast: true) }
            == "DataLoader: batch size 24 with drop-last leaves no batch from 23 samples")
        #expect(dataErrorMessage { _ = try DataLoader(dataset, batchSize: 0) } == "DataLoader: batch size must be at least 1, got 0")
        #expect(dataErrorMessage { _ = try DataLoader(dataset, batchSize: 1, prefetch: 3) }?.hasPrefix("DataLoader: prefetch") == true)
        #expect(dataErrorMessage { _ = try DataLoader(Tensor.zeros([4, 2]), batchSize: 1, augmentation: Augmentation(horizontalFlip: true)) }?
            .hasPrefix("DataLoader: flips and crops need samples of shape [channels, height, width]") == true)
    }

    @Test func scalesPixels() throws {
        let pixels: [UInt8] = [0, 51, 255, 128]
        let tiny = ImageDataset(pixels: pixels, labels: [1], channels: 1, height: 2, width: 2)
        let unit = try DataLoader(tiny, batchSize: 1, scaling: .zeroToOne).batch(epoch: 0, index: 0).inputs
        #expect(unit.values == pixels.map { Float($0) / 255 })
        let symmetric = try DataLoader(tiny, batchSize: 1, scaling: .minusOneToOne).batch(epoch: 0, index: 0).inputs.values
        #expect(symmetric[0] == -1 && symmetric[2] == 1)
        #expect(abs(symmetric[1] - (-0.6)) < 1e-6)
        #expect(tiny.images(scaling: .minusOneToOne).values == symmetric)
    }

    @Test func flipsAndCropsMoveWholeImages() throws {
        // One 1×3×3 image 1...9: every augmented copy is a flip of a shifted copy, padded with black (−1).
        let image = ImageDataset(pixels: (1...9).map(UInt8.init), labels: [0], channels: 1, height: 3, width: 3)
        let values = (1...9).map { (Float($0) / 255 - 0.5) / 0.5 }
        func expected(dy: Int, dx: Int, flip: Bool) -> [Float] {
            (0..<9).map { position in
                let y = position / 3 + dy, x = (flip ? 2 - position % 3 : position % 3) + dx
                return (0..<3).contains(y) && (0..<3).contains(x) ? values[y * 3 + x] : -1
            }
        }
        let candidates = (-1...1).flatMap { dy in (-1...1).flatMap { dx in [false, true].map { expected(dy: dy, dx: dx, flip: $0) } } }
        let loader = try DataLoader(image, batchSize: 1, scaling: .minusOneToOne,
                                    augmentation: Augmentation(horizontalFlip: true, cropPadding: 1), seed: 5)
        var seen = Set<[Float]>()
        for epoch in 0..<200 {
            let output = loader.batch(epoch: epoch, index: 0).inputs.values
            #expect(candidates.contains(output))
            seen.insert(output)
        }
        #expect(seen.count == 18)
        let flipOnly = try DataLoader(image, batchSize: 1, scaling: .minusOneToOne, augmentation: Augmentation(horizontalFlip: true))
        let flips = Set((0..<50).map { flipOnly.batch(epoch: $0, index: 0).inputs.values })
        #expect(flips == [expected(dy: 0, dx: 0, flip: false), expected(dy: 0, dx: 0, flip: true)])
    }

    @Test func tensorDataKeepsValuesAndLabels() throws {
        var generator = RandomGenerator(seed: 4)
        let (points, modes) = ToyDistribution.ring().sample(10, generator: &generator)
        let loader = try DataLoader(points, labels: modes, batchSize: 4, shuffle: true, seed: 8, prefetch: 1)
        let batches = collect(loader.epoch(0))
        #expect(batches.map(\.inputs.shape) == [[4, 2], [4, 2], [2, 2]])
        let all = points.values
        for batch in batches {
            #expect(batch.labels == batch.indices.map { modes[$0] })
            #expect(batch.inputs.values == batch.indices.flatMap { all[(2 * $0)..<(2 * $0 + 2)] })
        }
        let unlabelled = try DataLoader(points, batchSize: 10)
        #expect(unlabelled.batch(epoch: 0, index: 0).labels.isEmpty)
        #expect(dataErrorMessage { _ = try DataLoader(points, labels: [1], batchSize: 2) } == "DataLoader: 1 labels for 10 samples")
    }

    @Test func labelledSubsetHasKPerClass() throws {
        let indices = try dataset.labelledSubsetIndices(perClass: 3, seed: 1)
        #expect(indices == indices.sorted() && indices.count == 15)
        let subset = try dataset.labelledSubset(perClass: 3, seed: 1)
        #expect(subset.count == 15)
        for label in 0..<5 { #expect(subset.labels.filter { $0 == label }.count == 3) }
        #expect(subset.pixels == indices.flatMap { dataset.pixels[($0 * 20)..<($0 * 20 + 20)] })
        #expect(try dataset.labelledSubsetIndices(perClass: 3, seed: 1) == indices)
        #expect(try dataset.labelledSubsetIndices(perClass: 3, seed: 2) != indices)
        #expect(dataErrorMessage { _ = try dataset.labelledSubset(perClass: 5, seed: 1) }
            == "labelled subset: class 3 has 4 images, fewer than the 5 asked for")
    }
}
