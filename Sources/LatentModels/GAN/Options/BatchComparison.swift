import LatentNN

/// Layers placed before a discriminator's last layer that let it compare the samples of a batch:
/// minibatch discrimination (Salimans et al. 2016) and the minibatch standard deviation (Karras et al. 2018).
public struct BatchComparison: Sendable {
    /// The number of minibatch discrimination kernels B, 0 for none (`minibatch_discrimination`).
    public var discriminationKernels = 0
    /// The dimension C of each minibatch discrimination kernel.
    public var kernelDims = 5
    /// Whether to append the minibatch standard deviation (`minibatch_stddev`).
    public var standardDeviation = false

    /// No comparison layers.
    public init() {}

    /// The comparison layers `options` selects.
    public init(_ options: ModelOptions) throws {
        discriminationKernels = try options.integer("minibatch_discrimination", in: 0...1000)
        standardDeviation = try options.boolean("minibatch_stddev")
    }

    /// The options that select comparison layers.
    public static let modelOptions = [
        ModelOption("minibatch_discrimination", default: "0", "minibatch discrimination kernels B (kernel size 5) before D's last layer, 0 for none (Salimans et al. 2016)"),
        ModelOption("minibatch_stddev", default: "false", "append the batch's mean feature standard deviation before D's last layer (Karras et al. 2018, ProGAN)"),
    ]

    /// The layers for features of shape `features` (without the batch axis), ending flat, and the
    /// number of values per sample they put out.
    public func layers(features: [Int]) -> (layers: [any Layer], outputSize: Int) {
        var layers: [any Layer] = []
        var shape = features
        if standardDeviation {
            layers.append(MinibatchStdDev())
            shape[0] += 1
        }
        if shape.count > 1 { layers.append(Flatten()) }
        let flat = shape.reduce(1, *)
        guard discriminationKernels > 0 else { return (layers, flat) }
        layers.append(MinibatchDiscrimination(inFeatures: flat, outFeatures: discriminationKernels, kernelDims: kernelDims))
        return (layers, flat + discriminationKernels)
    }
}
