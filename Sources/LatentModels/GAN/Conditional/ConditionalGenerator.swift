import LatentNN

/// The DCGAN-MNIST generator conditioned on a class: the label's learned embedding is concatenated to the
/// noise vector, and the DCGAN-MNIST generator (without its hidden fully connected layer) turns the result
/// into a `[1, 28, 28]` image in [−1, 1].
/// Its state dict holds `label_embedding.weight` and the generator's layers under `main.`.
public final class ConditionalGenerator: Module, GeneratorNetwork {
    /// The length of the noise vector.
    public let latentSize: Int
    /// A learned vector per class, concatenated to the noise.
    public let labelEmbedding: Embedding
    /// The DCGAN-MNIST generator from `latentSize` + the embedding's size.
    public let main: Sequential

    public var classCount: Int? { labelEmbedding.numEmbeddings }

    /// A generator for `classCount` classes with embeddings of `embeddingSize` values (N(0, 1) at the start)
    /// and DCGAN-initialized layers (drawn from `GlobalRandom`).
    public init(classCount: Int = 10, embeddingSize: Int = 10, latentSize: Int = DCGANMNIST.latentSize) {
        self.latentSize = latentSize
        labelEmbedding = Embedding(classCount, embeddingSize)
        main = DCGANMNIST.initialized(DCGANMNIST.generator(latentSize: latentSize + embeddingSize, hiddenSize: 0))
        super.init()
    }

    /// Images for noise `x` (`[N, latentSize]`) of the classes `labels`.
    public func callAsFunction(_ x: Tensor, labels: [Int]) -> Tensor {
        main(Tensor.concatenated([x, labelEmbedding(labelIndices(labels))], axis: 1))
    }

    /// Images for the noise of `latent`, of its requested classes (the classes 0, 1, … in turn when none were asked for).
    public func callAsFunction(_ latent: Latent) -> Tensor {
        self(latent.noise, labels: latent.labels(classCount: labelEmbedding.numEmbeddings))
    }
}

/// Class labels as the indices an `Embedding` looks up.
func labelIndices(_ labels: [Int]) -> Tensor {
    Tensor(labels.map(Float.init), shape: [labels.count])
}
