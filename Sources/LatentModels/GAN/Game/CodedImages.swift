import LatentNN

/// Images with a code vector each: `(x, E(x))` on the real side and `(G(z), z)` on the fake side of a
/// BiGAN, whose discriminator judges the pair.
public struct CodedImages: AdversarialSample {
    public let images: Tensor
    /// One code per image, `[N, codeSize]`.
    public let codes: Tensor

    /// `images` with one code each; stops when the counts differ.
    public init(images: Tensor, codes: Tensor) {
        precondition(codes.shape[0] == images.shape[0], "CodedImages: \(codes.shape[0]) codes for \(images.shape[0]) images")
        self.images = images
        self.codes = codes
    }

    public func replacingImages(_ images: Tensor) -> CodedImages { CodedImages(images: images, codes: codes) }

    public func detached() -> CodedImages { CodedImages(images: images.detached(), codes: codes.detached()) }
}
