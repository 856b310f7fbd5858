import LatentTensor

/// The labelled part of a semi-supervised split: `count` training images, `count / classes` of each class,
/// chosen with `seed` (or, on a multi-label data set, `count` images drawn at random with `seed`, whose binary
/// attributes are their labels). Training reads the labels of these images and of no other.
///
/// The images of a class budget are chosen by walking the data in a random order drawn with `seed`, looking at one image's
/// label at a time and keeping the image while its class has fewer than its share, until every class has
/// its share (as one labels images until each class has enough); `examined` says how many labels that
/// looked at.
public struct LabelBudget: Codable, Sendable, Equatable {
    /// How many labelled images there are.
    public let count: Int
    /// The seed of the order the images were looked at in.
    public let seed: UInt64
    /// The chosen images' positions in the data set, in the order they were chosen.
    public let indices: [Int]
    /// The chosen images' classes, one per index; empty for an attribute budget.
    public let labels: [Int]
    /// How many labels the choice looked at.
    public let examined: Int
    /// For an attribute budget, the names of the attributes the chosen images are labelled with; nil for classes.
    public let attributeNames: [String]?

    /// Chooses `count` of `imageCount` images, `count / classCount` per class, reading the label of image i
    /// with `label(i)` at most once per image. Throws when `count` is not positive, exceeds `imageCount`, is not
    /// a multiple of `classCount`, when `classCount` is below 2 (data without labels), or when a class has
    /// fewer images than its share.
    public init(count: Int, classCount: Int, imageCount: Int, seed: UInt64, label: (Int) -> Int) throws {
        guard classCount >= 2 else {
            throw DataError("--labels \(count): the data set has no class labels to choose labelled images by")
        }
        guard count >= 1 else { throw DataError("--labels must be at least 1, got \(count)") }
        guard count <= imageCount else {
            throw DataError("--labels \(count) is more than the \(imageCount) training images of the data set")
        }
        guard count % classCount == 0 else {
            throw DataError("--labels \(count) is not a multiple of the \(classCount) classes (the same number of labels per class)")
        }
        let share = count / classCount
        var generator = RandomGenerator(seed: seed)
        var taken = [Int](repeating: 0, count: classCount)
        var indices: [Int] = [], labels: [Int] = [], examined = 0
        for index in Tensor.permutation(imageCount, generator: &generator) where indices.count < count {
            let value = label(index)
            examined += 1
            guard (0..<classCount).contains(value), taken[value] < share else { continue }
            taken[value] += 1
            indices.append(index)
            labels.append(value)
        }
        if let short = taken.firstIndex(where: { $0 < share }) {
            throw DataError("--labels \(count): class \(short) has \(taken[short]) training images, fewer than its share of \(share)")
        }
        self.count = count
        self.seed = seed
        self.indices = indices
        self.labels = labels
        self.examined = examined
        attributeNames = nil
    }

    /// Chooses `count` of `imageCount` images of a multi-label data set at random with `seed`, the first `count`
    /// of a random order, without reading any label (`examined` is 0): their attributes `attributeNames` are the
    /// labels training reads. Throws when `count` is not positive or exceeds `imageCount`.
    public init(count: Int, attributeNames: [String], imageCount: Int, seed: UInt64) throws {
        guard count >= 1 else { throw DataError("--labels must be at least 1, got \(count)") }
        guard count <= imageCount else {
            throw DataError("--labels \(count) is more than the \(imageCount) training images of the data set")
        }
        var generator = RandomGenerator(seed: seed)
        self.count = count
        self.seed = seed
        indices = Array(Tensor.permutation(imageCount, generator: &generator).prefix(count))
        labels = []
        examined = 0
        self.attributeNames = attributeNames
    }
}

extension ImageDataset {
    /// `count` labelled images of this data set, chosen with `seed` (see `LabelBudget`): `count / classCount` per
    /// class, or, when the images carry attributes, `count` at random.
    public func labelBudget(count: Int, seed: UInt64) throws -> LabelBudget {
        if let attributes {
            return try LabelBudget(count: count, attributeNames: attributes.names, imageCount: self.count, seed: seed)
        }
        return try LabelBudget(count: count, classCount: classCount, imageCount: self.count, seed: seed) { labels[$0] }
    }
}
