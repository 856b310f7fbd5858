import LatentTensor

/// One batch from a `DataLoader`.
public struct Batch: Sendable {
    /// The samples, stacked along a new first axis (`[batch, channels, height, width]` for images).
    public let inputs: Tensor
    /// The label of each sample; empty when the loader's data has no labels.
    public let labels: [Int]
    /// The position of each sample in the data set.
    public let indices: [Int]
    /// The epoch this batch belongs to.
    public let epoch: Int
    /// The batch's position in its epoch, from 0.
    public let index: Int
}
