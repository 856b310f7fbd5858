import LatentNN

/// An encoder to a code and a decoder back to probabilities in [0, 1], each a `Sequential`
/// (state-dict keys `encoder.0.weight`, `decoder.2.bias`, …).
public final class AutoencoderNetwork: Module {
    public let encoder: Sequential
    public let decoder: Sequential
    /// The shape of one code.
    public let codeShape: [Int]

    public init(encoder: Sequential, decoder: Sequential, codeShape: [Int]) {
        self.encoder = encoder
        self.decoder = decoder
        self.codeShape = codeShape
        super.init()
    }

    /// The reconstruction of `x`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        decoder(encoder(x))
    }

    /// The autoencoder of the Keras example: flattened 784 pixels → `codeSize` ReLU → 784 sigmoid,
    /// initialized as Keras initializes `Dense` layers (Glorot-uniform weights, zero biases).
    public static func dense(inputShape: [Int] = [1, 28, 28], codeSize: Int = 64) -> AutoencoderNetwork {
        let size = inputShape.reduce(1, *)
        let encode = Linear(size, codeSize), decode = Linear(codeSize, size)
        for layer in [encode, decode] {
            Init.xavierUniform(layer.weight)
            if let bias = layer.bias { Init.zeros(bias) }
        }
        return AutoencoderNetwork(
            encoder: Sequential(Flatten(), encode, ReLU()),
            decoder: Sequential(decode, Sigmoid(), Unflatten(dim: 1, unflattenedSize: inputShape)),
            codeShape: [codeSize])
    }

    /// A convolutional autoencoder for 28×28 grey images: two stride-2 convolutions (16 and 32
    /// channels, 28 → 14 → 7) and a linear layer to `codeSize`, mirrored by transposed convolutions.
    public static func convolutional(codeSize: Int = 32) -> AutoencoderNetwork {
        AutoencoderNetwork(
            encoder: Sequential(ConvolutionalCoder.encoder(), Linear(32 * 7 * 7, codeSize)),
            decoder: ConvolutionalCoder.decoder(codeSize: codeSize),
            codeShape: [codeSize])
    }
}

/// The convolutional halves shared by the convolutional autoencoder and VAE.
enum ConvolutionalCoder {
    /// [N, 1, 28, 28] → [N, 1568]: convolutions 1→16 and 16→32 (3×3, stride 2, padding 1) with ReLU, flattened.
    static func encoder() -> Sequential {
        Sequential(
            Conv2d(1, 16, kernelSize: 3, stride: 2, padding: 1), ReLU(),
            Conv2d(16, 32, kernelSize: 3, stride: 2, padding: 1), ReLU(),
            Flatten())
    }

    /// [N, codeSize] → [N, 1, 28, 28] probabilities: linear to 32×7×7, ReLU, transposed convolutions
    /// 32→16 and 16→1 (4×4, stride 2, padding 1), sigmoid.
    static func decoder(codeSize: Int) -> Sequential {
        Sequential(
            Linear(codeSize, 32 * 7 * 7), ReLU(), Unflatten(dim: 1, unflattenedSize: [32, 7, 7]),
            ConvTranspose2d(32, 16, kernelSize: 4, stride: 2, padding: 1), ReLU(),
            ConvTranspose2d(16, 1, kernelSize: 4, stride: 2, padding: 1), Sigmoid())
    }
}
