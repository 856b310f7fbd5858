/// Random changes made to each image as a `DataLoader` batches it, drawn from the loader's seed.
public struct Augmentation: Sendable, Equatable {
    /// Mirror each image left to right with probability 0.5, as torchvision's `RandomHorizontalFlip()`.
    public var horizontalFlip: Bool
    /// Pad every side by this many pixels (black ones) and crop back to the original size at a random
    /// offset, as torchvision's `RandomCrop(size, padding:)`; 0 for no cropping.
    public var cropPadding: Int
    /// pix2pix's jitter: enlarge each image to 286/256 of its size (rounded; bilinear, as `ImageDataset.resized`
    /// enlarges) and crop back to its size at a random offset, before any padding, crop or flip. Every channel
    /// gets the same offset, so a pair side by side on the channel axis keeps its pixels aligned.
    public var jitter: Bool

    /// The given changes; by default none.
    public init(horizontalFlip: Bool = false, cropPadding: Int = 0, jitter: Bool = false) {
        precondition(cropPadding >= 0, "Augmentation: crop padding must not be negative, got \(cropPadding)")
        self.horizontalFlip = horizontalFlip
        self.cropPadding = cropPadding
        self.jitter = jitter
    }

    /// The side that jitter enlarges a side of `size` pixels to: size · 286 / 256, rounded to the nearest.
    public static func jitterSide(_ size: Int) -> Int {
        (size * 286 + 128) / 256
    }

    /// No changes.
    public static let none = Augmentation()

    /// Whether any change is made.
    var isActive: Bool { horizontalFlip || cropPadding > 0 || jitter }
}
