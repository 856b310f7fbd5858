import LatentData
import LatentNN

extension MNISTConvNet {
    /// The mean cross-entropy and accuracy on `dataset`, its pixels scaled to [−1, 1] as in training.
    public func evaluate(on dataset: ImageDataset, batchSize: Int = 500) -> ClassifierScore {
        precondition(dataset.imageShape == Self.imageShape,
                     "MNISTConvNet.evaluate: expected 1×28×28 images, the data set has \(dataset.imageShape)")
        return evaluate(images: dataset.images(scaling: .minusOneToOne), labels: dataset.labels, batchSize: batchSize)
    }
}
