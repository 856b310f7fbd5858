import LatentTensor

/// The convolutional network of PyTorch's MNIST example, for 28×28 grey images in ten classes:
/// conv 1→32 3×3, ReLU, conv 32→64 3×3, ReLU, 2×2 max pooling, dropout 0.25, flatten,
/// linear 9216→128, ReLU, dropout 0.5, linear 128→10.
///
/// Its state dict has PyTorch's names (`conv1.weight`, `conv2.bias`, `fc1.weight`, `fc2.bias`), so
/// weights move between the two unchanged. Inputs are `[N, 1, 28, 28]`.
public final class MNISTConvNet: Module, Layer {
    let conv1 = Conv2d(1, 32, kernelSize: 3)
    let conv2 = Conv2d(32, 64, kernelSize: 3)
    let dropout1 = Dropout(p: 0.25)
    let dropout2 = Dropout(p: 0.5)
    let fc1 = Linear(9216, 128)
    let fc2 = Linear(128, 10)

    /// The number of penultimate features (the width of `fc1`).
    public static let featureCount = 128
    /// The number of classes (the width of `fc2`).
    public static let classCount = 10
    /// The shape of one input image.
    public static let imageShape = [1, 28, 28]

    /// A network with PyTorch's default initialization, drawn from `GlobalRandom`.
    public override init() { super.init() }

    /// The penultimate features, `[N, 128]`: the output of `fc1` after its ReLU (dropout applies
    /// only in training mode).
    public func features(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == Self.imageShape,
                     "MNISTConvNet: expected images of shape [N, 1, 28, 28], got \(x.shape)")
        let convolved = conv2(conv1(x).relu()).relu()
        let pooled = dropout1(convolved.maxPool2d(kernelSize: (2, 2)))
        return fc1(pooled.flattened()).relu()
    }

    /// The class logits, `[N, 10]`, for features from `features(_:)`.
    public func logits(features: Tensor) -> Tensor {
        fc2(dropout2(features))
    }

    /// The class logits, `[N, 10]`, of images `[N, 1, 28, 28]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        logits(features: features(x))
    }
}
