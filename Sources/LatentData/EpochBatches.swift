import Foundation
import Synchronization

/// The batches of one epoch, in order; iterate with `for batch in loader.epoch(e)`.
///
/// When the loader prefetches, iterating starts a background thread that makes the following batches
/// (at most `prefetch` ahead) while the current one is used; leaving the loop early stops it.
public struct EpochBatches: Sequence, Sendable {
    let loader: DataLoader
    /// The epoch.
    public let epoch: Int
    /// The positions of the batches this sequence yields.
    public let batches: Range<Int>
    let order: [Int]

    public var underestimatedCount: Int { batches.count }

    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// Yields the batches one after another.
    public struct Iterator: IteratorProtocol {
        private let batches: EpochBatches
        private var position: Int
        private let prefetcher: Prefetcher?

        init(_ batches: EpochBatches) {
            self.batches = batches
            position = batches.batches.lowerBound
            let worthIt = batches.loader.prefetch > 0 && !batches.batches.isEmpty
            prefetcher = worthIt ? Prefetcher(batches, depth: batches.loader.prefetch) : nil
        }

        public mutating func next() -> Batch? {
            guard position < batches.batches.upperBound else { return nil }
            defer { position += 1 }
            if let prefetcher { return prefetcher.take() }
            return batches.loader.makeBatch(epoch: batches.epoch, index: position, order: batches.order)
        }
    }
}

/// A background thread making an epoch's batches in order into a queue of bounded length.
private final class Prefetcher {
    /// What the thread and the consumer share.
    private final class Channel: Sendable {
        /// Counts the batches in the queue.
        let ready = DispatchSemaphore(value: 0)
        /// Counts the free places in the queue.
        let room = DispatchSemaphore(value: 0)
        let queue = Mutex<[Batch]>([])
        let cancelled = Atomic<Bool>(false)
    }

    private let channel = Channel()

    init(_ batches: EpochBatches, depth: Int) {
        // The places are signalled rather than given to the initialiser: libdispatch refuses to free a
        // semaphore whose count is below its initial value, as it is when the consumer stops early.
        for _ in 0..<depth { channel.room.signal() }
        let channel = self.channel
        let thread = Thread {
            for index in batches.batches {
                channel.room.wait()
                if channel.cancelled.load(ordering: .acquiring) { return }
                let batch = batches.loader.makeBatch(epoch: batches.epoch, index: index, order: batches.order)
                channel.queue.withLock { $0.append(batch) }
                channel.ready.signal()
            }
        }
        thread.name = "LatentData prefetch"
        thread.start()
    }

    /// The next batch, waiting for the thread to finish it if need be.
    func take() -> Batch {
        channel.ready.wait()
        let batch = channel.queue.withLock { $0.removeFirst() }
        channel.room.signal()
        return batch
    }

    deinit {
        channel.cancelled.store(true, ordering: .releasing)
        channel.room.signal()
    }
}
