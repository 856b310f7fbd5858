import LatentNN

/// The intermediate features of a `Sequential` discriminator that feature matching compares: the output
/// of the layers before its batch-comparison layers (`MinibatchStdDev`, `MinibatchDiscrimination`) or,
/// without them, before its last layer with parameters, flattened to `[batch, features]`.
struct DiscriminatorFeatures {
    private let layers: [any Layer]

    init(_ discriminator: any Layer) {
        guard let network = discriminator as? Sequential else {
            preconditionFailure("feature matching needs a Sequential discriminator, got \(type(of: discriminator))")
        }
        let all = (0..<network.count).map { network[$0] }
        let end = all.firstIndex { $0 is MinibatchStdDev || $0 is MinibatchDiscrimination }
            ?? all.lastIndex { !$0.allParameters.isEmpty } ?? 0
        layers = Array(all[..<end])
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let features = layers.reduce(x) { input, layer in layer(input) }
        return features.reshaped([features.shape[0], -1])
    }
}
