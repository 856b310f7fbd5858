import LatentNN

/// A plain sequence of layers judges images with one head, its output.
extension Sequential: Discriminating {
    public func heads(_ sample: Tensor) -> Heads {
        Heads(score: self(sample))
    }

    /// The output of the layers before the batch-comparison layers (`MinibatchStdDev`,
    /// `MinibatchDiscrimination`) or, without them, before the last layer with parameters, flattened.
    public func features(_ sample: Tensor) -> Tensor {
        let hidden = layers[..<featureEnd].reduce(sample) { input, layer in layer(input) }
        return hidden.reshaped([hidden.shape[0], -1])
    }

    /// The output and the features of `features(_:)`, in one pass through the layers.
    public func headsAndFeatures(_ sample: Tensor) -> (heads: Heads, features: Tensor) {
        let end = featureEnd
        let hidden = layers[..<end].reduce(sample) { input, layer in layer(input) }
        let score = layers[end...].reduce(hidden) { input, layer in layer(input) }
        return (Heads(score: score), hidden.reshaped([hidden.shape[0], -1]))
    }

    /// The index of the first layer after the features.
    private var featureEnd: Int {
        layers.firstIndex { $0 is MinibatchStdDev || $0 is MinibatchDiscrimination }
            ?? layers.lastIndex { !$0.allParameters.isEmpty } ?? 0
    }
}
