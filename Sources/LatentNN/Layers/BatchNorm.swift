import LatentTensor

/// Normalization of each channel (axis 1) over the batch and any spatial axes, as PyTorch's batch norm.
///
/// In training mode it uses the batch's statistics and blends them into running statistics
/// (the variance unbiased); in evaluation mode it uses the running statistics. `momentum: nil`
/// gives a cumulative average. Use `BatchNorm1d` or `BatchNorm2d`.
public class BatchNorm: Module, Layer {
    public let numFeatures: Int
    public let eps: Float
    /// The weight of each batch's statistics in the running statistics; nil for a cumulative average.
    public var momentum: Float?
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?
    @Buffer public var runningMean: Tensor?
    @Buffer public var runningVar: Tensor?
    @Buffer public var numBatchesTracked: Tensor?
    /// The ranks whose batches together give the statistics in training mode (as PyTorch's `SyncBatchNorm`);
    /// nil for this process's batch alone.
    public var statisticsGroup: ProcessGroup?
    private let inputRanks: [Int]

    init(numFeatures: Int, eps: Float, momentum: Float?, affine: Bool, trackRunningStats: Bool, inputRanks: [Int]) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.inputRanks = inputRanks
        self.weight = affine ? Tensor.ones([numFeatures]) : nil
        self.bias = affine ? Tensor.zeros([numFeatures]) : nil
        self.runningMean = trackRunningStats ? Tensor.zeros([numFeatures]) : nil
        self.runningVar = trackRunningStats ? Tensor.ones([numFeatures]) : nil
        self.numBatchesTracked = trackRunningStats ? Tensor(scalar: 0) : nil
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let name = String(describing: type(of: self))
        precondition(inputRanks.contains(x.rank) && x.shape[1] == numFeatures,
                     "\(name): expected input [N, \(numFeatures)\(inputRanks.contains(4) ? ", H, W" : "(, L)")], got shape \(x.shape)")
        if !training, let runningMean, let runningVar {
            return x.batchNorm(runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias, eps: eps)
        }
        let perChannel = x.count / numFeatures
        precondition(perChannel > 1, "\(name): expected more than 1 value per channel when training, got shape \(x.shape)")
        let (output, mean, variance) = statisticsGroup.map { x.batchNorm(over: $0, weight: weight, bias: bias, eps: eps) }
            ?? x.batchNorm(weight: weight, bias: bias, eps: eps)
        if training, let runningMean, let runningVar, let numBatchesTracked {
            numBatchesTracked.assign(Tensor(scalar: numBatchesTracked.item + 1))
            let factor = momentum ?? 1 / numBatchesTracked.item
            let n = Float(perChannel * (statisticsGroup?.size ?? 1))
            updateRunning(runningMean, with: mean, factor: factor)
            updateRunning(runningVar, with: variance * (n / (n - 1)), factor: factor)
        }
        return output
    }

    /// Sets the running statistics to mean 0, variance 1 and no batches seen, as `reset_running_stats()`.
    public func resetRunningStats() {
        runningMean?.assign(Tensor.zeros([numFeatures]))
        runningVar?.assign(Tensor.ones([numFeatures]))
        numBatchesTracked?.assign(Tensor(scalar: 0))
    }
}

/// Batch normalization of [N, C] or [N, C, L] input, as `torch.nn.BatchNorm1d`.
public final class BatchNorm1d: BatchNorm {
    public init(_ numFeatures: Int, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true, trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats, inputRanks: [2, 3])
    }
}

/// Batch normalization of [N, C, H, W] input, as `torch.nn.BatchNorm2d`.
public final class BatchNorm2d: BatchNorm {
    public init(_ numFeatures: Int, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true, trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats, inputRanks: [4])
    }
}
