import LatentTensor

/// `(x − mean) / √(variance + eps)` for each of `rows` consecutive runs of `x`'s values, with the
/// mean and biased variance of each run (shape [rows]); the output has `x`'s shape.
func standardize(_ x: Tensor, rows: Int, eps: Float) -> (normalized: Tensor, mean: Tensor, variance: Tensor) {
    let (normalized, mean, variance) = x.reshaped([1, rows, -1]).batchNorm(eps: eps)
    return (normalized.reshaped(x.shape), mean, variance)
}

/// `x · weight + bias` with per-channel (axis 1) parameters, when they are present.
func channelAffine(_ x: Tensor, weight: Tensor?, bias: Tensor?) -> Tensor {
    let shape = [1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2)
    var y = x
    if let weight { y = y * weight.reshaped(shape) }
    if let bias { y = y + bias.reshaped(shape) }
    return y
}

/// Blends a batch statistic into a running one: `running ← (1 − factor) · running + factor · value`.
func updateRunning(_ running: Tensor, with value: Tensor, factor: Float) {
    withoutGrad {
        running.assign(running * (1 - factor) + value.detached().reshaped(running.shape) * factor)
    }
}

/// Normalization over the last `normalizedShape.count` axes of each sample, with an element-wise
/// affine transform (weight 1, bias 0 to start), as `torch.nn.LayerNorm`.
public final class LayerNorm: Module, Layer {
    public let normalizedShape: [Int]
    public let eps: Float
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?

    public init(_ normalizedShape: [Int], eps: Float = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.weight = elementwiseAffine ? Tensor.ones(normalizedShape) : nil
        self.bias = elementwiseAffine && bias ? Tensor.zeros(normalizedShape) : nil
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let k = normalizedShape.count
        precondition(x.rank >= k && Array(x.shape.suffix(k)) == normalizedShape,
                     "LayerNorm: expected input ending in \(normalizedShape), got shape \(x.shape)")
        var y = standardize(x, rows: x.count / Shape.count(normalizedShape), eps: eps).normalized
        if let weight { y = y * weight }
        if let bias { y = y + bias }
        return y
    }
}

/// Normalization over groups of channels of each sample, with a per-channel affine transform,
/// as `torch.nn.GroupNorm`. Input is [N, C, …].
public final class GroupNorm: Module, Layer {
    public let numGroups: Int
    public let numChannels: Int
    public let eps: Float
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?

    public init(_ numGroups: Int, _ numChannels: Int, eps: Float = 1e-5, affine: Bool = true) {
        precondition(numGroups > 0 && numChannels % numGroups == 0,
                     "GroupNorm: numChannels \(numChannels) is not divisible by numGroups \(numGroups)")
        self.numGroups = numGroups
        self.numChannels = numChannels
        self.eps = eps
        self.weight = affine ? Tensor.ones([numChannels]) : nil
        self.bias = affine ? Tensor.zeros([numChannels]) : nil
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2 && x.shape[1] == numChannels,
                     "GroupNorm: expected input [N, \(numChannels), …], got shape \(x.shape)")
        let normalized = standardize(x, rows: x.shape[0] * numGroups, eps: eps).normalized
        return channelAffine(normalized, weight: weight, bias: bias)
    }
}

/// Normalization of each channel of each sample over its spatial axes, as `torch.nn.InstanceNorm2d`
/// (no affine transform and no running statistics unless asked). Input is [N, C, H, W].
public final class InstanceNorm2d: Module, Layer {
    public let numFeatures: Int
    public let eps: Float
    public let momentum: Float
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?
    @Buffer public var runningMean: Tensor?
    @Buffer public var runningVar: Tensor?

    public init(
        _ numFeatures: Int, eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = false, trackRunningStats: Bool = false
    ) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.weight = affine ? Tensor.ones([numFeatures]) : nil
        self.bias = affine ? Tensor.zeros([numFeatures]) : nil
        self.runningMean = trackRunningStats ? Tensor.zeros([numFeatures]) : nil
        self.runningVar = trackRunningStats ? Tensor.ones([numFeatures]) : nil
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == numFeatures,
                     "InstanceNorm2d: expected input [N, \(numFeatures), H, W], got shape \(x.shape)")
        if !training, let runningMean, let runningVar {
            return x.batchNorm(runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias, eps: eps)
        }
        let instances = [x.shape[0], numFeatures]
        let (normalized, mean, variance) = standardize(x, rows: instances[0] * numFeatures, eps: eps)
        if training, let runningMean, let runningVar {
            let n = Float(x.shape[2] * x.shape[3])
            updateRunning(runningMean, with: mean.reshaped(instances).mean(axis: 0), factor: momentum)
            updateRunning(runningVar, with: variance.reshaped(instances).mean(axis: 0) * (n / Swift.max(n - 1, 1)), factor: momentum)
        }
        return channelAffine(normalized, weight: weight, bias: bias)
    }
}
