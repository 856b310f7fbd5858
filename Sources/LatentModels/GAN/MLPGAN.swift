import LatentNN

/// The MLP GAN of the Keras example and of the classic GAN course: generator 100→128→784 with a
/// tanh output, discriminator 784→128→1 with a sigmoid output (scores are probabilities).
public enum MLPGAN {
    /// The length of the generator's noise vector.
    public static let latentSize = 100

    /// The generator: `latentSize` noise values to `outputSize` values in [−1, 1].
    public static func generator(latentSize: Int = latentSize, hiddenSize: Int = 128, outputSize: Int = 784) -> Sequential {
        Sequential(Linear(latentSize, hiddenSize), LeakyReLU(negativeSlope: 0.01), Linear(hiddenSize, outputSize), Tanh())
    }

    /// The discriminator: `inputSize` values to the probability that they are real, with dropout of
    /// probability `dropout` after the hidden layer (none when 0) and `comparison`'s layers before the output.
    public static func discriminator(
        inputSize: Int = 784, hiddenSize: Int = 128, dropout: Float = 0, comparison: BatchComparison = BatchComparison()
    ) -> Sequential {
        let (compare, size) = comparison.layers(features: [hiddenSize])
        return Sequential(
            [Linear(inputSize, hiddenSize), LeakyReLU(negativeSlope: 0.01)] + (dropout > 0 ? [Dropout(p: dropout)] : [])
                + compare + [Linear(size, 1), Sigmoid()])
    }
}
