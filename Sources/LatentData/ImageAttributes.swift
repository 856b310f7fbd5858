/// Binary attributes of every image of a data set (CelebA's 40: `Smiling`, `Eyeglasses`, …), for multi-label
/// models: a matrix of 0s and 1s, one row per image, one column per attribute.
public struct ImageAttributes: Sendable, Equatable {
    /// The attributes' names, by column.
    public let names: [String]
    /// The values, row after row (image after image), each 0 or 1.
    public let values: [UInt8]

    /// Attributes `names` with `values`, `names.count` per image.
    public init(names: [String], values: [UInt8]) {
        precondition(!names.isEmpty && values.count % names.count == 0,
                     "ImageAttributes: \(values.count) values do not fill rows of \(names.count) attributes")
        self.names = names
        self.values = values
    }

    /// How many images have attributes.
    public var count: Int { values.count / names.count }

    /// The attributes of image `index`, by column.
    public func row(_ index: Int) -> ArraySlice<UInt8> {
        values[(index * names.count)..<((index + 1) * names.count)]
    }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int]) -> ImageAttributes {
        ImageAttributes(names: names, values: indices.flatMap { row($0) })
    }
}
