import LatentNN

/// The MNIST networks of Salimans et al. 2016 ("Improved Techniques for Training GANs", the authors'
/// `train_mnist_feature_matching.py`).
public enum ImprovedGANMNIST {
    /// The length of the generator's uniform noise vector.
    public static let latentSize = 100
    /// Classes of the discriminator's logits.
    public static let classCount = 10

    /// The generator: 100 uniform noise values → 500 → 500 (no bias, batch norm, softplus) → one value in
    /// (0, 1) per pixel of `sampleShape` (MNIST's digits by default) through a weight-normalized linear layer
    /// (one magnitude per output, starting at 1) and a sigmoid, shaped as images. Linear weights start
    /// Xavier-uniform (Lasagne's Glorot default).
    public static func generator(sampleShape: [Int] = [1, 28, 28]) -> Sequential {
        let hidden = [Linear(latentSize, 500, bias: false), Linear(500, 500, bias: false)]
        let output = Linear(500, sampleShape.reduce(1, *))
        for layer in hidden + [output] { Init.xavierUniform(layer.weight) }
        if let bias = output.bias { Init.zeros(bias) }
        let normalized = WeightNorm(wrapping: output)
        Init.ones(normalized.weightG)
        return Sequential(hidden[0], BatchNorm1d(500), Softplus(), hidden[1], BatchNorm1d(500), Softplus(), normalized, Sigmoid(), Reshape(sampleShape))
    }

    /// The discriminator: 784 → 1000 → 500 → 250 → 250 → 250 (ReLU) → 10 class logits, every linear layer
    /// weight-normalized (directions drawn N(0, 0.1²), biases 0; magnitudes trained only in the last layer),
    /// Gaussian noise of σ 0.3 on the inputs and 0.5 on each hidden layer's output. Its features are the last
    /// hidden layer's output before its noise (feature matching's features).
    public static func discriminator() -> ClassLogitDiscriminator {
        let (trunk, head) = layers(inputSize: 784, outputs: classCount)
        return ClassLogitDiscriminator(trunk: trunk, head: head)
    }

    /// The same layers for flattened images of `inputSize` values and `outputs` values out: the trunk (up to
    /// the features) and the head.
    public static func layers(inputSize: Int, outputs: Int) -> (trunk: Sequential, head: Sequential) {
        let sizes = [inputSize, 1000, 500, 250, 250, 250]
        var trunk: [any Layer] = []
        for (index, (input, output)) in zip(sizes, sizes.dropFirst()).enumerated() {
            trunk += [GaussianNoise(std: index == 0 ? 0.3 : 0.5), weightNormalized(input, output, trainsMagnitude: false), ReLU()]
        }
        let head: [any Layer] = [GaussianNoise(std: 0.5), weightNormalized(250, outputs, trainsMagnitude: true)]
        return (Sequential(trunk), Sequential(head))
    }

    private static func weightNormalized(_ input: Int, _ output: Int, trainsMagnitude: Bool) -> WeightNorm<Linear> {
        let linear = Linear(input, output)
        Init.normal(linear.weight, std: 0.1)
        if let bias = linear.bias { Init.zeros(bias) }
        return WeightNorm(wrapping: linear, trainsMagnitude: trainsMagnitude)
    }
}
