import LatentTensor

/// Layers applied one after another, as `torch.nn.Sequential`; the children are named
/// "0", "1", … so that parameters are `0.weight`, `main.1.running_mean`, and so on.
public final class Sequential: Module, Layer {
    /// The layers, in the order they are applied.
    public private(set) var layers: [any Layer]

    public init(_ layers: any Layer...) {
        self.layers = layers
        super.init()
    }

    public init(_ layers: [any Layer]) {
        self.layers = layers
        super.init()
    }

    /// The layer at `index`.
    public subscript(index: Int) -> any Layer { layers[index] }

    /// The number of layers.
    public var count: Int { layers.count }

    /// Adds a layer at the end.
    public func append(_ layer: any Layer) {
        layers.append(layer)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { input, layer in layer(input) }
    }

    public override func members() -> Members {
        Members(children: layers.enumerated().map { ("\($0.offset)", $0.element) })
    }
}
