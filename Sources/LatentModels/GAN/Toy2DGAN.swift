import LatentNN

/// The MLPs of the 2-D toy experiment of Metz et al. 2017 (a mixture of 8 Gaussians on a circle):
/// a ReLU generator from 256 noise values through two hidden layers of 128 to a point, and a ReLU
/// discriminator with two hidden layers of 128 that returns logits.
public enum Toy2DGAN {
    /// The length of the generator's noise vector.
    public static let latentSize = 256

    /// The generator: `[batch, latentSize]` noise to `[batch, 2]` points (linear output).
    public static func generator(latentSize: Int = latentSize, hiddenSize: Int = 128) -> Sequential {
        Sequential(Linear(latentSize, hiddenSize), ReLU(), Linear(hiddenSize, hiddenSize), ReLU(), Linear(hiddenSize, 2))
    }

    /// The discriminator: `[batch, 2]` points to `[batch, 1]` logits, with dropout of probability
    /// `dropout` after each hidden layer (none when 0) and `comparison`'s layers before the output.
    public static func discriminator(
        hiddenSize: Int = 128, dropout: Float = 0, comparison: BatchComparison = BatchComparison()
    ) -> Sequential {
        let drop: [any Layer] = dropout > 0 ? [Dropout(p: dropout)] : []
        let (compare, size) = comparison.layers(features: [hiddenSize])
        return Sequential(
            [Linear(2, hiddenSize), ReLU()] + drop + [Linear(hiddenSize, hiddenSize), ReLU()] + drop + compare + [Linear(size, 1)])
    }
}
