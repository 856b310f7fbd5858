import LatentNN

/// The random views a contrastive discriminator compares: each image shifted by up to 1/8 of its size
/// with a square of half its size cut out (DiffAugment's translation and cutout), with colour jitter
/// for RGB images and, where the data allow it (not digits), a horizontal flip of half the images.
/// Each call draws new views.
public struct ContrastiveViews: Sendable {
    /// The shift, cutout and (for RGB) colour changes.
    public let augment: DiffAugment
    /// Whether half the views, at random, are mirrored left to right.
    public let flips: Bool

    /// The views of images of `imageShape` (`[channels, height, width]`), flipped when `flips`.
    public init(imageShape: [Int], flips: Bool) {
        self.init(augment: DiffAugment([.translation, .cutout] + (imageShape.first == 3 ? [.color] : []), imageShape: imageShape),
                  flips: flips)
    }

    /// Views made by `augment`, after a random horizontal flip of half the images when `flips`.
    public init(augment: DiffAugment, flips: Bool) {
        self.augment = augment
        self.flips = flips
    }

    /// A view of each of `images` (`[N, …]`, in their own shape), with history back to them.
    public func callAsFunction(_ images: Tensor, generator: inout RandomGenerator) -> Tensor {
        let count = images.shape[0]
        var x = images.reshaped([count] + augment.imageShape)
        if flips {
            let mirrored = Tensor((0..<count).map { _ in generator.nextUniform() < 0.5 ? Float(1) : Float(0) }, shape: [count, 1, 1, 1])
            x = mirrored * x.flipped(axis: 3) + (1 - mirrored) * x
        }
        return augment(x, generator: &generator).reshaped(images.shape)
    }
}
