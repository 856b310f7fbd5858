import LatentNN

/// A convolutional VAE for 28×28 grey images: the convolutional autoencoder's encoder (conv 1→16→32,
/// stride 2) to the posterior's mean and log-variance, and its transposed-convolution decoder.
public final class ConvVAE: Module, VariationalNetwork {
    let encoder: Sequential
    let mean: Linear
    let logVariance: Linear
    let decoder: Sequential
    public let latentSize: Int

    public init(latentSize: Int = 20) {
        encoder = ConvolutionalCoder.encoder()
        mean = Linear(32 * 7 * 7, latentSize)
        logVariance = Linear(32 * 7 * 7, latentSize)
        decoder = ConvolutionalCoder.decoder(codeSize: latentSize)
        self.latentSize = latentSize
        super.init()
    }

    public func encode(_ x: Tensor) -> (mean: Tensor, logVariance: Tensor) {
        let hidden = encoder(x)
        return (mean(hidden), logVariance(hidden))
    }

    public func decode(_ z: Tensor) -> Tensor {
        decoder(z)
    }
}
