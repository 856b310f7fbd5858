import LatentTensor

/// A parameter with its state-dict name, such as `main.0.weight`.
public struct NamedParameter {
    /// The dotted PyTorch-style name.
    public let name: String
    /// The tensor, updated in place by optimizers.
    public let tensor: Tensor

    public init(name: String, tensor: Tensor) {
        self.name = name
        self.tensor = tensor
    }
}

/// Gradients keyed by parameter name, as `valueAndGrad(of:)` returns them.
public typealias Gradients = [String: Tensor]
