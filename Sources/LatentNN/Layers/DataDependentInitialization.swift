import LatentTensor

/// A layer that can set its parameters from a batch of its inputs, so that its outputs on that batch have a
/// chosen scale (Salimans & Kingma 2016's initialization of weight-normalized layers).
public protocol DataDependentInitializing: Layer {
    /// Sets the layer's parameters from the batch `x` and returns its outputs on `x` with them, without history.
    @discardableResult
    func initializeFromData(_ x: Tensor) -> Tensor
}

extension WeightNorm: DataDependentInitializing where Wrapped == Linear {}

extension Sequential {
    /// Passes the batch `x` through the layers in order, each layer that initializes from data doing so on
    /// what reaches it, and returns the output, without history.
    @discardableResult
    public func initializeFromData(_ x: Tensor) -> Tensor {
        withoutGrad {
            (0..<count).map { self[$0] }.reduce(x) { input, layer in
                (layer as? any DataDependentInitializing)?.initializeFromData(input) ?? layer(input)
            }
        }
    }
}
