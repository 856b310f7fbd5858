import LatentNN

/// The history of generated images a CycleGAN discriminator learns from (Shrivastava et al. 2017), as the
/// official `ImagePool`: until it holds `capacity` images each new image is stored and returned; then each
/// is, with probability ½, swapped for a stored image drawn uniformly (which is returned, the new one taking
/// its place), and otherwise returned as it is. A capacity of 0 returns the images unchanged. Its `images`
/// and `count` are buffers.
public final class ImagePool: Module {
    /// How many images it keeps.
    public let capacity: Int
    /// The stored images, `[capacity, C, H, W]`, the first `count` filled.
    @Buffer public var images: Tensor
    /// How many images are stored, as a one-value tensor.
    @Buffer public var count: Tensor

    /// An empty pool of `capacity` images of `imageShape`.
    public init(capacity: Int, imageShape: [Int]) {
        precondition(capacity >= 0, "ImagePool: capacity must not be negative, got \(capacity)")
        self.capacity = capacity
        images = Tensor.zeros([capacity] + imageShape)
        count = Tensor.zeros([1])
        super.init()
    }

    /// The images the discriminator reads in place of the batch `generated` `[N, C, H, W]`, without history,
    /// drawing from `random`; stores images as described above.
    public func query(_ generated: Tensor, random: inout RandomGenerator) -> Tensor {
        guard capacity > 0 else { return generated }
        precondition(Array(generated.shape.dropFirst()) == Array(images.shape.dropFirst()),
                     "ImagePool: images of shape \(Array(images.shape.dropFirst())) expected, got \(generated.shape)")
        let size = generated.count / Swift.max(generated.shape[0], 1)
        let result = generated.detached().copy()
        var stored = Int(count.item)
        images.withMutableValues { pool in
            result.withMutableValues { batch in
                for row in 0..<generated.shape[0] {
                    let image = row * size
                    if stored < capacity {
                        for i in 0..<size { pool[stored * size + i] = batch[image + i] }
                        stored += 1
                    } else if random.nextUniform() > 0.5 {
                        let slot = random.nextInt(below: capacity) * size
                        for i in 0..<size { swap(&pool[slot + i], &batch[image + i]) }
                    }
                }
            }
        }
        count.withMutableValues { $0[0] = Float(stored) }
        return result
    }
}
