import LatentNN

/// ClusterGAN's generator: it reads a cluster's one-hot vector beside small Gaussian noise, the latent
/// z = (σ·ε, one-hot c) of Mukherjee et al. 2019, and turns it into images with `network`.
public final class ClusterGenerator: Module, GeneratorNetwork {
    /// The network from the `[N, noiseSize + clusterCount]` latent vectors to images.
    public let network: Sequential
    /// How many clusters there are.
    public let clusterCount: Int
    /// σ, the standard deviation of the noise part z_n.
    public let noiseScale: Float

    /// The generator of `clusterCount` clusters with noise of standard deviation `noiseScale`, through `network`.
    public init(network: Sequential, clusterCount: Int, noiseScale: Float) {
        self.network = network
        self.clusterCount = clusterCount
        self.noiseScale = noiseScale
        super.init()
    }

    /// ClusterGAN draws its clusters from its own prior, not from the data's classes.
    public var classCount: Int? { nil }

    /// The images for the standard normal `latent.noise` ε (scaled to z_n = σ·ε) and the clusters
    /// `latent.labels` (the clusters 0, 1, … in turn when there are none).
    public func callAsFunction(_ latent: Latent) -> Tensor {
        network(latentVectors(latent))
    }

    /// The vectors z = (σ·ε, one-hot c) that `network` reads for `latent`.
    public func latentVectors(_ latent: Latent) -> Tensor {
        let clusters = Tensor.oneHot(latent.labels(classCount: clusterCount), classes: clusterCount)
        return Tensor.concatenated([noiseScale * latent.noise.flattened(), clusters], axis: 1)
    }
}

/// ClusterGAN's encoder: images to the noise part E_n(x) of their latent vector and the logits E_c(x) of
/// their cluster.
public final class ClusterEncoder: Module {
    /// The network from images to `[N, noiseSize + clusterCount]` outputs: the noise, then the cluster logits.
    public let network: Sequential
    /// The size of the noise part.
    public let noiseSize: Int

    /// The encoder whose `network` puts out `noiseSize` noise values before the cluster logits.
    public init(network: Sequential, noiseSize: Int) {
        self.network = network
        self.noiseSize = noiseSize
        super.init()
    }

    /// The noise part `[N, noiseSize]` and the cluster logits `[N, clusters]` of `x`, with history.
    public func callAsFunction(_ x: Tensor) -> (noise: Tensor, clusterLogits: Tensor) {
        let output = network(x)
        return (output.slice(axis: 1, range: 0..<noiseSize), output.slice(axis: 1, range: noiseSize..<output.shape[1]))
    }
}

/// ClusterGAN's MNIST networks (Mukherjee et al. 2019, after InfoGAN's): `DCGANMNIST`'s generator from
/// 30 noise values and a 10-way one-hot code, its discriminator without batch norm as the WGAN-GP critic,
/// and an encoder of the critic's shape whose last layer puts out 30 + 10 values.
public enum ClusterGANMNIST {
    /// The size of the noise part z_n.
    public static let noiseSize = 30
    /// The number of clusters.
    public static let clusterCount = 10
    /// σ of the noise part.
    public static let noiseScale: Float = 0.10

    /// The generator for `clusterCount` clusters and `noiseSize` noise values of scale `noiseScale`.
    public static func generator(noiseSize: Int = noiseSize, clusterCount: Int = clusterCount, noiseScale: Float = noiseScale)
        -> ClusterGenerator {
        ClusterGenerator(
            network: DCGANMNIST.initialized(DCGANMNIST.generator(latentSize: noiseSize + clusterCount)),
            clusterCount: clusterCount, noiseScale: noiseScale)
    }

    /// The encoder: the critic's convolutions and hidden layer, then `noiseSize + clusterCount` outputs.
    public static func encoder(noiseSize: Int = noiseSize, clusterCount: Int = clusterCount) -> ClusterEncoder {
        let critic = DCGANMNIST.discriminator(batchNorm: false)
        let trunk = Array(critic.layers.dropLast())
        let network = Sequential(trunk + [Linear(DCGANMNIST.hiddenSize, noiseSize + clusterCount)])
        return ClusterEncoder(network: DCGANMNIST.initialized(network), noiseSize: noiseSize)
    }
}
