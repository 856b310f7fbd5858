import LatentNN

/// A trained model that maps samples to codes: an autoencoder's encoder, a VAE's posterior mean.
public protocol Encoding: AnyObject {
    /// The codes `[N, codeSize]` of `x` (a batch of samples as the data loader gives them), without history.
    func encode(_ x: Tensor) -> Tensor
}

extension Autoencoder: Encoding {
    public func encode(_ x: Tensor) -> Tensor {
        inEvaluationMode { network.encoder(x).flattened() }
    }
}

extension VAE: Encoding {
    public func encode(_ x: Tensor) -> Tensor {
        inEvaluationMode { model.encode(x).mean }
    }
}
