import LatentTensor

/// `y = x Wᵀ + b` over the last axis, as `torch.nn.Linear`.
///
/// The weight (out × in) starts Kaiming-uniform with a = √5 and the bias uniform in ±1/√in,
/// PyTorch's defaults.
public final class Linear: Module, Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    @Parameter public var weight: Tensor
    @Parameter public var bias: Tensor?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let weight = Tensor.zeros([outFeatures, inFeatures])
        Init.kaimingUniform(weight, a: Float(5).squareRoot())
        self.weight = weight
        self.bias = bias ? uniformBias([outFeatures], fanIn: inFeatures) : nil
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 1 && x.shape[x.rank - 1] == inFeatures,
                     "Linear: expected input with last axis \(inFeatures), got shape \(x.shape)")
        let input = x.rank == 1 ? x.reshaped([1, inFeatures]) : x
        var y = Tensor.matmul(input, weight, transposeA: false, transposeB: true)
        if let bias { y = y + bias }
        return x.rank == 1 ? y.reshaped([outFeatures]) : y
    }
}

/// A bias drawn uniformly from ±1/√fanIn, PyTorch's default for Linear and convolutions.
func uniformBias(_ shape: [Int], fanIn: Int) -> Tensor {
    let bias = Tensor.zeros(shape)
    let bound = fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0
    Init.uniform(bias, low: -bound, high: bound)
    return bias
}
