import LatentNN

/// ProGAN's fade-in of a new resolution (Karras et al. 2018): the new layers' output blended with the
/// previous resolution's, `(1 − α)·old + α·new`.
public enum FadeIn {
    /// The generator's image: the previous resolution's RGB image `old`, enlarged 2× by repeating pixels,
    /// blended with the new resolution's `new`.
    public static func generator(old: Tensor, new: Tensor, alpha: Float) -> Tensor {
        blend(old.upsampleNearest2d(scaleFactor: (2, 2)), new, alpha: alpha)
    }

    /// The discriminator's features at the previous resolution: those of `image` halved by 2×2 average
    /// pooling and read by `fromRGB` (the previous resolution's input layer), blended with the new
    /// resolution's features `new`.
    public static func discriminator(image: Tensor, new: Tensor, alpha: Float, fromRGB: (Tensor) -> Tensor) -> Tensor {
        blend(fromRGB(image.avgPool2d(kernelSize: (2, 2))), new, alpha: alpha)
    }

    private static func blend(_ old: Tensor, _ new: Tensor, alpha: Float) -> Tensor {
        alpha >= 1 ? new : old + (new - old) * alpha
    }
}
