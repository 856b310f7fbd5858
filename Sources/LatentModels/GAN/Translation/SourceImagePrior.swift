import LatentNN

/// The latent input of a translation GAN: the source images A of each batch, whose batches hold A and B
/// side by side on the channel axis (`[N, C_A + C_B, H, W]`, the first `sourceShape[0]` channels A).
/// Its generator reads `latent.noise` as the images to translate.
public struct SourceImagePrior: LatentPrior {
    /// The shape of one source image, `[C_A, H, W]`.
    public let sourceShape: [Int]

    /// The prior for source images of `sourceShape`.
    public init(sourceShape: [Int]) {
        precondition(sourceShape.count == 3 && sourceShape.allSatisfy { $0 > 0 },
                     "SourceImagePrior: a source image's shape is [C, H, W], got \(sourceShape)")
        self.sourceShape = sourceShape
    }

    /// The batch's source images, with the rest of its channels as their partners; stops when the batch has no
    /// more channels than the sources or another size.
    public func draw(forBatch real: Tensor, random: inout RandomGenerator) -> Latent {
        precondition(real.shape.count == 4 && real.shape[1] > sourceShape[0] && Array(real.shape[2...]) == Array(sourceShape[1...]),
                     "SourceImagePrior: a batch of sources \(sourceShape) beside their partners must be [N, >\(sourceShape[0]), \(sourceShape[1]), \(sourceShape[2])], got \(real.shape)")
        let parts = real.split(sizes: [sourceShape[0], real.shape[1] - sourceShape[0]], axis: 1)
        return Latent(noise: parts[0], partners: parts[1])
    }

    /// Blank (zero) source images: without data there is nothing to translate, so this only gives the
    /// generator's output shape; samples of a translation GAN come from the data's source images.
    public func draw(count: Int, random: inout RandomGenerator) -> Latent {
        Latent(noise: Tensor.zeros([count] + sourceShape))
    }
}
