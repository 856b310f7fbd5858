extension ImageDataset {
    /// The images whose label is one of `classes`, in the data set's order.
    public func restricted(toClasses classes: [Int]) -> ImageDataset {
        let wanted = Set(classes)
        return subset(labels.indices.filter { wanted.contains(labels[$0]) })
    }
}

extension Dataset {
    /// How many classes the data set has: its class names, or one more than the largest label when the
    /// classes have no names; 0 for points.
    public var classCount: Int {
        switch self {
        case .images(let images, let classNames): classNames.isEmpty ? images.classCount : classNames.count
        case .points: 0
        }
    }

    /// The images of `classes` alone; throws naming the data set `name` and the classes it has when it holds
    /// points, or when a class is not one of its classes or has no image.
    public func images(ofClasses classes: [Int], name: String) throws -> ImageDataset {
        guard let images else { throw DataError("data set \(name) holds points, not labelled images; it has no classes to choose") }
        let known = classCount
        if let unknown = classes.first(where: { !(0..<known).contains($0) }) {
            throw DataError("data set \(name) has no class \(unknown); its classes are 0…\(known - 1)")
        }
        let chosen = images.restricted(toClasses: classes)
        let present = Set(chosen.labels)
        if let empty = classes.first(where: { !present.contains($0) }) {
            throw DataError("data set \(name) has no image of class \(empty)")
        }
        return chosen
    }
}
