import LatentTensor

/// Splits a data set into batches: seeded shuffling, drop-last, pixel scaling, seeded random flips and
/// crops, and optionally a background thread that prepares the next batches while the current one trains.
///
/// Every batch is a function of the seed, the epoch and the batch's position alone, so resuming at
/// epoch `e`, batch `b` gives exactly the batches an uninterrupted run would have had, and prefetching
/// never changes them:
///
/// ```swift
/// let loader = try DataLoader(train, batchSize: 64, shuffle: true, dropLast: true, scaling: .minusOneToOne, seed: 1, prefetch: 2)
/// for epoch in startEpoch..<epochs {
///     for batch in loader.epoch(epoch, startingAt: epoch == startEpoch ? startBatch : 0) {
///         step(batch.inputs, batch.labels)
///     }
/// }
/// ```
public final class DataLoader: Sendable {
    private enum Source: Sendable {
        /// 8-bit images and the Float value of each pixel value.
        case pixels(ImageDataset, table: [Float])
        /// Float samples along the first axis.
        case values(Tensor)
    }

    private let source: Source
    private let labels: [Int]
    /// The value that crop padding adds: a black pixel, or 0 for Float data.
    private let fill: Float
    /// How many samples the data set holds.
    public let count: Int
    /// The shape of one sample.
    public let sampleShape: [Int]
    /// Samples per batch (the last batch may hold fewer unless `dropLast`).
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether a last batch smaller than `batchSize` is left out.
    public let dropLast: Bool
    /// The random changes made to each sample.
    public let augmentation: Augmentation
    /// The seed of the shuffling and of the augmentation.
    public let seed: UInt64
    /// How many batches a background thread prepares ahead (0: batches are made when asked for).
    public let prefetch: Int

    /// A loader over 8-bit images, scaled to Float with `scaling`; with `readsLabels` false its batches carry
    /// no labels and the loader never reads the data set's (a semi-supervised model's unlabelled data).
    ///
    /// Throws when the batch size is not positive, or when drop-last would leave no batch at all.
    public convenience init(
        _ dataset: ImageDataset, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false,
        scaling: PixelScaling = .zeroToOne, augmentation: Augmentation = .none, seed: UInt64 = 0, prefetch: Int = 0,
        readsLabels: Bool = true
    ) throws {
        let table = scaling.table
        try self.init(source: .pixels(dataset, table: table), count: dataset.count, sampleShape: dataset.imageShape,
                      labels: readsLabels ? dataset.labels : [], fill: table[0], batchSize: batchSize, shuffle: shuffle, dropLast: dropLast,
                      augmentation: augmentation, seed: seed, prefetch: prefetch)
    }

    /// A loader over the samples of `data` along its first axis (a copy is taken), with an optional
    /// label per sample. Augmentation needs samples of shape `[channels, height, width]`.
    public convenience init(
        _ data: Tensor, labels: [Int] = [], batchSize: Int, shuffle: Bool = false, dropLast: Bool = false,
        augmentation: Augmentation = .none, seed: UInt64 = 0, prefetch: Int = 0
    ) throws {
        guard data.rank >= 1 else { throw DataError("DataLoader: expected samples along a first axis, got a rank-0 tensor") }
        guard labels.isEmpty || labels.count == data.shape[0] else {
            throw DataError("DataLoader: \(labels.count) labels for \(data.shape[0]) samples")
        }
        try self.init(source: .values(data.copy()), count: data.shape[0], sampleShape: Array(data.shape.dropFirst()),
                      labels: labels, fill: 0, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast,
                      augmentation: augmentation, seed: seed, prefetch: prefetch)
    }

    private init(
        source: Source, count: Int, sampleShape: [Int], labels: [Int], fill: Float, batchSize: Int, shuffle: Bool,
        dropLast: Bool, augmentation: Augmentation, seed: UInt64, prefetch: Int
    ) throws {
        guard count > 0 else { throw DataError("DataLoader: the data set holds no samples") }
        guard batchSize > 0 else { throw DataError("DataLoader: batch size must be at least 1, got \(batchSize)") }
        guard !dropLast || batchSize <= count else {
            throw DataError("DataLoader: batch size \(batchSize) with drop-last leaves no batch from \(count) samples")
        }
        guard (0...2).contains(prefetch) else {
            throw DataError("DataLoader: prefetch must be 0, 1 or 2 batches, got \(prefetch)")
        }
        guard !augmentation.isActive || sampleShape.count == 3 else {
            throw DataError("DataLoader: flips and crops need samples of shape [channels, height, width], got \(sampleShape)")
        }
        self.source = source
        self.count = count
        self.sampleShape = sampleShape
        self.labels = labels
        self.fill = fill
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.augmentation = augmentation
        self.seed = seed
        self.prefetch = prefetch
    }

    /// The number of batches in every epoch.
    public var batchesPerEpoch: Int {
        dropLast ? count / batchSize : (count + batchSize - 1) / batchSize
    }

    /// The order in which epoch `epoch` visits the samples.
    public func order(epoch: Int) -> [Int] {
        precondition(epoch >= 0, "DataLoader.order: epoch must not be negative, got \(epoch)")
        guard shuffle else { return Array(0..<count) }
        var generator = RandomGenerator(seed: derivedSeed(seed, Stream.shuffle, UInt64(epoch)))
        return Tensor.permutation(count, generator: &generator)
    }

    /// The batches of epoch `epoch`, from batch `start` on (to resume an interrupted epoch).
    public func epoch(_ epoch: Int, startingAt start: Int = 0) -> EpochBatches {
        precondition(epoch >= 0, "DataLoader.epoch: epoch must not be negative, got \(epoch)")
        precondition((0...batchesPerEpoch).contains(start),
                     "DataLoader.epoch: start batch \(start) outside 0...\(batchesPerEpoch)")
        return EpochBatches(loader: self, epoch: epoch, batches: start..<batchesPerEpoch, order: order(epoch: epoch))
    }

    /// Batch `index` of epoch `epoch`, made on the calling thread.
    public func batch(epoch: Int, index: Int) -> Batch {
        precondition((0..<batchesPerEpoch).contains(index),
                     "DataLoader.batch: index \(index) outside 0..<\(batchesPerEpoch)")
        return makeBatch(epoch: epoch, index: index, order: order(epoch: epoch))
    }

    private enum Stream {
        static let shuffle: UInt64 = 1
        static let augmentation: UInt64 = 2
        static let partners: UInt64 = 3
    }

    /// For unpaired images (`ImageDataset.domainBChannel`), the sample whose B image goes with each of `indices`
    /// in batch `index` of `epoch`: drawn uniformly for each, as CycleGAN's loader draws a random B per A.
    private func partners(of indices: [Int], epoch: Int, index: Int) -> [Int]? {
        guard case .pixels(let dataset, _) = source, dataset.domainBChannel != nil else { return nil }
        var generator = RandomGenerator(seed: derivedSeed(seed, Stream.partners, UInt64(epoch), UInt64(index)))
        return indices.map { _ in generator.nextInt(below: count) }
    }

    /// Batch `index` of an epoch whose sample order is `order`.
    func makeBatch(epoch: Int, index: Int, order: [Int]) -> Batch {
        let indices = Array(order[(index * batchSize)..<Swift.min((index + 1) * batchSize, count)])
        let sampleSize = sampleShape.reduce(1, *)
        let inputs = Tensor.zeros([indices.count] + sampleShape)
        var generator = RandomGenerator(seed: derivedSeed(seed, Stream.augmentation, UInt64(epoch), UInt64(index)))
        var scratch = [Float](repeating: 0, count: augmentation.isActive ? sampleSize : 0)
        let partners = partners(of: indices, epoch: epoch, index: index)
        inputs.withMutableValues { values in
            for (row, sample) in indices.enumerated() {
                let target = UnsafeMutableBufferPointer(rebasing: values[(row * sampleSize)..<((row + 1) * sampleSize)])
                if augmentation.isActive {
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        write(sample, partner: partners?[row], into: scratch)
                        augment(scratch, into: target, generator: &generator)
                    }
                } else {
                    write(sample, partner: partners?[row], into: target)
                }
            }
        }
        return Batch(inputs: inputs, labels: labels.isEmpty ? [] : indices.map { labels[$0] },
                     indices: indices, epoch: epoch, index: index)
    }

    /// Writes sample `index` as Float values, its second domain's channels from sample `partner` when given.
    private func write(_ index: Int, partner: Int?, into target: UnsafeMutableBufferPointer<Float>) {
        let size = target.count
        switch source {
        case .pixels(let dataset, let table):
            let split = dataset.domainBChannel.map { $0 * dataset.height * dataset.width } ?? size
            dataset.pixels.withUnsafeBufferPointer { pixels in
                for i in 0..<split { target[i] = table[Int(pixels[index * size + i])] }
                let other = partner ?? index
                for i in split..<size { target[i] = table[Int(pixels[other * size + i])] }
            }
        case .values(let data):
            data.withValues { values in
                _ = target.update(fromContentsOf: values[(index * size)..<((index + 1) * size)])
            }
        }
    }

    /// pix2pix's jitter of one `[channels, height, width]` sample, in place: enlarged by `Augmentation.jitterSide`
    /// and cropped back at an offset drawn uniformly (rows first), the same for every channel.
    private func jitter(_ sample: UnsafeMutableBufferPointer<Float>, generator: inout RandomGenerator) {
        let channels = sampleShape[0], height = sampleShape[1], width = sampleShape[2]
        let (tallHeight, tallWidth) = (Augmentation.jitterSide(height), Augmentation.jitterSide(width))
        let dy = generator.nextInt(below: tallHeight - height + 1), dx = generator.nextInt(below: tallWidth - width + 1)
        let cropped = JitterCrop(height: height, width: width, top: dy, left: dx).apply(Array(sample), channels: channels)
        _ = sample.update(fromContentsOf: cropped)
    }

    /// Crops (after padding) and flips one `[channels, height, width]` sample, drawing the offsets first.
    private func augment(
        _ source: UnsafeMutableBufferPointer<Float>, into target: UnsafeMutableBufferPointer<Float>,
        generator: inout RandomGenerator
    ) {
        let channels = sampleShape[0], height = sampleShape[1], width = sampleShape[2]
        if augmentation.jitter { jitter(source, generator: &generator) }
        let padding = augmentation.cropPadding
        let dy = padding > 0 ? generator.nextInt(below: 2 * padding + 1) - padding : 0
        let dx = padding > 0 ? generator.nextInt(below: 2 * padding + 1) - padding : 0
        let flip = augmentation.horizontalFlip && generator.nextUniform() < 0.5
        for c in 0..<channels {
            for y in 0..<height {
                let sourceY = y + dy
                let rowBase = (c * height + y) * width
                for x in 0..<width {
                    let sourceX = (flip ? width - 1 - x : x) + dx
                    let inside = (0..<height).contains(sourceY) && (0..<width).contains(sourceX)
                    target[rowBase + x] = inside ? source[(c * height + sourceY) * width + sourceX] : fill
                }
            }
        }
    }
}
