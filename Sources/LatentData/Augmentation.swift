/// Random changes made to each image as a `DataLoader` batches it, drawn from the loader's seed.
public struct Augmentation: Sendable, Equatable {
    /// Mirror each image left to right with probability 0.5, as torchvision's `RandomHorizontalFlip()`.
    public var horizontalFlip: Bool
    /// Pad every side by this many pixels (black ones) and crop back to the original size at a random
    /// offset, as torchvision's `RandomCrop(size, padding:)`; 0 for no cropping.
    public var cropPadding: Int

    /// The given changes; by default none.
    public init(horizontalFlip: Bool = false, cropPadding: Int = 0) {
        precondition(cropPadding >= 0, "Augmentation: crop padding must not be negative, got \(cropPadding)")
        self.horizontalFlip = horizontalFlip
        self.cropPadding = cropPadding
    }

    /// No changes.
    public static let none = Augmentation()

    /// Whether any change is made.
    var isActive: Bool { horizontalFlip || cropPadding > 0 }
}
