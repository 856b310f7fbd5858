import LatentTensor

/// Minibatch discrimination (Salimans et al. 2016, "Improved Techniques for Training GANs"): appends to
/// each sample's features how close it is to the other samples of the batch, so that a discriminator
/// can see a generator that puts out the same sample many times.
///
/// The input `[batch, inFeatures]` is multiplied by the tensor `weight` (`[inFeatures, outFeatures,
/// kernelDims]`) into matrices `M_i` (`[outFeatures, kernelDims]`); for each kernel b,
/// `o(x_i)_b = Σ_j exp(−‖M_{i,b} − M_{j,b}‖₁)` over every sample j of the batch (the sample itself
/// included, as in the paper). The output is `[batch, inFeatures + outFeatures]`: the input followed by `o`.
public final class MinibatchDiscrimination: Module, Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    public let kernelDims: Int
    @Parameter public var weight: Tensor

    /// Starts `weight` normal with standard deviation 1/√inFeatures, so that the distances have a
    /// comparable size whatever the number of input features.
    public init(inFeatures: Int, outFeatures: Int, kernelDims: Int) {
        precondition(inFeatures > 0 && outFeatures > 0 && kernelDims > 0,
                     "MinibatchDiscrimination: sizes must be positive, got \(inFeatures), \(outFeatures), \(kernelDims)")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.kernelDims = kernelDims
        let weight = Tensor.zeros([inFeatures, outFeatures, kernelDims])
        Init.normal(weight, std: 1 / Float(inFeatures).squareRoot())
        self.weight = weight
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == inFeatures,
                     "MinibatchDiscrimination: expected input [batch, \(inFeatures)], got shape \(x.shape)")
        let n = x.shape[0]
        let m = x.matmul(weight.reshaped([inFeatures, outFeatures * kernelDims]))
        let rows = m.reshaped([n, 1, outFeatures, kernelDims]), columns = m.reshaped([1, n, outFeatures, kernelDims])
        let distances = (rows - columns).abs().sum(axis: 3)
        let closeness = (-distances).exp().sum(axis: 1)
        return Tensor.concatenated([x, closeness], axis: 1)
    }
}
