import LatentNN

/// Images with a class label each: the data's labels on the real side, the requested classes on the fake
/// side (conditional GANs, AC-GAN, the semi-supervised discriminator).
public struct LabelledImages: AdversarialSample {
    public let images: Tensor
    /// One class per image.
    public let labels: [Int]

    /// `images` with one label each; stops when the counts differ.
    public init(images: Tensor, labels: [Int]) {
        precondition(labels.count == images.shape[0], "LabelledImages: \(labels.count) labels for \(images.shape[0]) images")
        self.images = images
        self.labels = labels
    }

    public func replacingImages(_ images: Tensor) -> LabelledImages { LabelledImages(images: images, labels: labels) }

    public func detached() -> LabelledImages { replacingImages(images.detached()) }
}
