import Foundation
import LatentNN

/// Inception-v3 features of images, as pytorch-fid computes them for FID: each image divided into
/// [0, 1], resized to 299×299 (bilinear, half-pixel centres, no antialiasing, as PyTorch's
/// `F.interpolate(align_corners=False)`), scaled to [−1, 1], and passed through `InceptionV3` in
/// evaluation mode, in batches and without recording gradients.
public final class InceptionFeatureExtractor {
    /// What the image values are.
    public enum PixelRange: Sendable {
        /// Values in [0, 1] (as `torchvision.transforms.ToTensor` gives).
        case unitInterval
        /// Byte values in [0, 255], as stored in image files.
        case bytes

        var upperBound: Float {
            switch self {
            case .unitInterval: 1
            case .bytes: 255
            }
        }
    }

    /// The network, in evaluation mode.
    public let network: InceptionV3
    /// How many images pass through the network at once. Features do not depend on it; larger batches
    /// take more memory (peak resident memory about 1.2 GiB at 10, 3 GiB at 50) and ran no faster.
    public let batchSize: Int

    /// The batch size used unless another is given.
    public static let defaultBatchSize = 10

    /// Features from `network` (with weights loaded), `batchSize` images at a time.
    public init(network: InceptionV3, batchSize: Int = defaultBatchSize) {
        precondition(batchSize >= 1, "InceptionFeatureExtractor: batch size must be at least 1, got \(batchSize)")
        self.network = network.eval()
        self.batchSize = batchSize
    }

    /// Features from the FID weights found by `InceptionWeights.locate(explicitPath:)`, checked against
    /// their published SHA-256 unless `verify` is false (for custom weights), with each batch
    /// normalization folded into its convolution.
    public convenience init(weightsPath: String? = nil, verify: Bool = true, batchSize: Int = defaultBatchSize) throws {
        guard batchSize >= 1 else {
            throw InceptionError(message: "Inception batch size must be at least 1, got \(batchSize)")
        }
        let url = try InceptionWeights.locate(explicitPath: weightsPath)
        if verify { try InceptionWeights.verify(url) }
        let network = InceptionV3()
        try network.load(weightsAt: url)
        self.init(network: network, batchSize: batchSize)
    }

    /// The `[N, 2048]` features of `images`, `[N, 3, H, W]` colour or `[N, 1, H, W]` grey (repeated to
    /// three channels), any size, with values in `range`.
    ///
    /// Throws when the shape is not that of an image batch or a value lies outside `range`.
    public func features(of images: Tensor, range: PixelRange) throws -> Tensor {
        try check(images, range: range)
        let count = images.shape[0]
        // The activations, far larger than a training step's, come from a pool of their own that is
        // released once the features are copied out, rather than staying in the shared pool.
        let features = TensorMemory.withPrivatePool {
            withoutGrad {
                let batches = stride(from: 0, to: count, by: batchSize).map { first in
                    let batch = images.slice(axis: 0, range: first..<min(first + batchSize, count))
                    return network(Self.networkInput(batch, range: range))
                }
                return batches.count == 1 ? batches[0] : Tensor.concatenated(batches, axis: 0)
            }
        }
        return Tensor(features.values, shape: features.shape)
    }

    /// `images` as the network takes them: divided into [0, 1], resized to 299×299, scaled to [−1, 1],
    /// with three channels.
    static func networkInput(_ images: Tensor, range: PixelRange) -> Tensor {
        let side = InceptionV3.imageSize
        var x = range == .bytes ? images / 255 : images
        if x.shape[2] != side || x.shape[3] != side {
            x = x.upsampleBilinear2d(outputSize: (side, side))
        }
        x = 2 * x - 1
        if x.shape[1] == 1 { x = x.expand(to: [x.shape[0], 3, side, side]) }
        return x
    }

    private func check(_ images: Tensor, range: PixelRange) throws {
        guard images.rank == 4, images.shape[0] >= 1, images.shape[1] == 1 || images.shape[1] == 3,
              images.shape[2] >= 1, images.shape[3] >= 1 else {
            throw InceptionError(message: """
                Inception features: expected images [N ≥ 1, 3 or 1, H, W], got shape \(images.shape)
                """)
        }
        let (low, high, hasNaN) = images.withValues { values in
            (values.min() ?? 0, values.max() ?? 0, values.contains(where: \.isNaN))
        }
        guard !hasNaN, low >= 0, high <= range.upperBound else {
            throw InceptionError(message: """
                Inception features: expected values in [0, \(Int(range.upperBound))], got values from \(low) to \(high)\(hasNaN ? " and NaN" : "")
                """)
        }
    }
}
