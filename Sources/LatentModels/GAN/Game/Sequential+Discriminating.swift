import LatentNN

/// A plain sequence of layers judges images with one head, its output.
extension Sequential: Discriminating {
    public func heads(_ sample: Tensor) -> Heads {
        Heads(score: self(sample))
    }

    /// The output of the layers before the batch-comparison layers (`MinibatchStdDev`,
    /// `MinibatchDiscrimination`) or, without them, before the last layer with parameters, flattened.
    public func features(_ sample: Tensor) -> Tensor {
        let all = (0..<count).map { self[$0] }
        let end = all.firstIndex { $0 is MinibatchStdDev || $0 is MinibatchDiscrimination }
            ?? all.lastIndex { !$0.allParameters.isEmpty } ?? 0
        let features = all[..<end].reduce(sample) { input, layer in layer(input) }
        return features.reshaped([features.shape[0], -1])
    }
}
