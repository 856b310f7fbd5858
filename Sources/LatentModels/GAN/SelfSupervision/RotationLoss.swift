import LatentNN

/// The rotation loss of SS-GAN (Chen et al. 2019) on one side of a step: each image of the side turned by
/// 0°, 90°, 180° and 270° counter-clockwise, and the cross-entropy of the discriminator's rotation head on
/// those 4N images against the turn, times `weight` (β for the discriminator on real images, α for the
/// generator on its samples). The 0° images are the side's own, whose heads the objective reads; each
/// turn's copies go through the discriminator as a batch of their own (so batch normalization sees
/// four batches of N, one per turn, each with the side's labels or codes). Logged as `loss_d_rotation` or
/// `loss_g_rotation`, with the head's accuracy on the 4N images as `d_rotation_accuracy_real` or
/// `d_rotation_accuracy_fake`.
public struct RotationLoss<Sample: AdversarialSample>: Term {
    /// Which side of the step the rotations are made of.
    public enum Side: String, Sendable {
        case real, fake
    }

    /// The side whose images are turned.
    public let side: Side
    /// The factor of the cross-entropy.
    public let weight: Float
    /// The shape of one image, `[channels, size, size]`; flat samples are turned in this shape.
    public let imageShape: [Int]

    public var key: String? { side == .real ? "loss_d_rotation" : "loss_g_rotation" }

    /// The loss on `side` with `weight`, for square images of `imageShape`.
    public init(side: Side, weight: Float, imageShape: [Int]) {
        precondition(imageShape.count == 3 && imageShape[1] == imageShape[2],
                     "RotationLoss: expected square images [channels, size, size], got \(imageShape)")
        self.side = side
        self.weight = weight
        self.imageShape = imageShape
    }

    public func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor {
        lossAndMeasurements(verdict, random: &random).0
    }

    public func lossAndMeasurements(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> (Tensor, [String: Float]) {
        let sample = side == .real ? verdict.real : verdict.fake
        let upright = (side == .real ? verdict.realHeads : verdict.fakeHeads)[.rotation]
        let square = sample.images.reshaped([sample.images.shape[0]] + imageShape)
        let turned = (1...3).map { turns in
            verdict.discriminator.heads(sample.replacingImages(square.rotated90(turns).reshaped(sample.images.shape)))[.rotation]
        }
        let logits = Tensor.concatenated([upright] + turned, axis: 0)
        let labels = Self.labels(count: sample.images.shape[0])
        let predicted = logits.detached().argmax(axis: 1).values.map { Int($0) }
        let accuracy = Float(zip(predicted, labels).filter { $0 == $1 }.count) / Float(labels.count)
        return (weight * crossEntropy(logits, labels: labels), ["d_rotation_accuracy_" + side.rawValue: accuracy])
    }

    /// The turns of the 4N images: N zeros, N ones, N twos, N threes.
    public static func labels(count: Int) -> [Int] {
        (0..<4).flatMap { [Int](repeating: $0, count: count) }
    }
}
